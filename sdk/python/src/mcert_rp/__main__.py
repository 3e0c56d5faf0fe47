from mcert_rp.cli import main

main()

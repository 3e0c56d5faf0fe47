"""``python -m mcert_device.cli``: the same as the ``mcert-device`` command."""

from mcert_device.cli import main

main(prog_name="mcert-device")

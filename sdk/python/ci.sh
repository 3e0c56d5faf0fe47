#!/bin/sh
# Build the SDK as a wheel, install it into a clean virtualenv WITHOUT the mCert server and
# run the SDK's own tests there: proves that `pip install mcert-rp` is all a relying party
# needs. Needs only python3 and PyPI. Usage: sdk/python/ci.sh [pytest args]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
python=${PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$python" -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --upgrade pip
# Build from a copy: a build in place would leave build/ and *.egg-info in the checkout.
mkdir -p "$work/src"
(cd "$here" && tar -cf - --exclude=__pycache__ --exclude='*.egg-info' pyproject.toml README.md src) |
  (cd "$work/src" && tar -xf -)
"$work/venv/bin/pip" wheel --quiet --no-deps --wheel-dir "$work/wheels" "$work/src"
wheel=$(ls "$work"/wheels/mcert_rp-*.whl)
"$work/venv/bin/pip" install --quiet "$wheel[test]"
if "$work/venv/bin/python" -c 'import mcert' 2>/dev/null; then
  echo "sdk-test: the server package is importable in the SDK's venv" >&2; exit 1
fi
cd "$here"
# -p no:cacheprovider: leave nothing behind in the checkout.
"$work/venv/bin/python" -m pytest -q -p no:cacheprovider tests "$@"

#!/usr/bin/env bash
# Build the one-folder bundle dist/edgedeck/ in a lean venv, then prove it with --self-test.
#
#   packaging/build.sh            (what `make package` runs)
#
# The venv (.venv-package) holds only the app's run-time dependencies plus PyInstaller: no
# torch, optimum or test tools, so nothing heavy can leak into the bundle. Dependencies are
# reinstalled only when pyproject.toml or this script changes; the project itself is reinstalled
# (non-editable, so its metadata and README travel with it) on every build.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=${PACKAGE_VENV:-.venv-package}
SRC=${EDGEDECK_SRC:-.}                 # what to install; a checkout of this repository
PYINSTALLER=pyinstaller==6.22.3
HOOKS=pyinstaller-hooks-contrib==2026.9
STAMP="$VENV/.installed-package"
started=$(date +%s)

if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip
fi
# setuptools reuses build/lib: a module deleted from the tree would otherwise stay in the wheel.
rm -rf build/lib build/bdist.*
if [ ! -f "$STAMP" ] || [ pyproject.toml -nt "$STAMP" ] || [ packaging/build.sh -nt "$STAMP" ]; then
  "$VENV/bin/python" -m pip install -q "$SRC" "$PYINSTALLER" "$HOOKS"
  touch "$STAMP"
fi
# Translations are build outputs: compile them so the wheel and the bundle carry the .qm files.
"$VENV/bin/python" packaging/i18n.py compile
"$VENV/bin/python" -m pip install -q --no-deps --force-reinstall "$SRC"

# A lean bundle or none: these would add gigabytes and seconds of start-up.
"$VENV/bin/python" - <<'PY'
import importlib.util, sys
heavy = [m for m in ("torch", "optimum", "transformers", "pytest") if importlib.util.find_spec(m)]
if heavy:
    sys.exit(f"build venv is not lean: {', '.join(heavy)} installed; delete it and rebuild")
PY

rm -rf dist/edgedeck
"$VENV/bin/pyinstaller" --noconfirm --log-level WARN --distpath dist \
  --workpath build/pyinstaller packaging/edgedeck.spec
built=$(date +%s)
echo "bundle: dist/edgedeck $(du -sh dist/edgedeck | cut -f1)" \
  "($(find dist/edgedeck -type f | wc -l) files), built in $((built - started)) s"

QT_QPA_PLATFORM=offscreen dist/edgedeck/edgedeck --self-test
echo "self-test passed in $(( $(date +%s) - built )) s"

#!/usr/bin/env bash
# Schemathesis against the OpenAPI document of a running demo server (issue 17/8): one API token
# per role, every check, a time budget per role. Fails on any failure.
#   .ci/schemathesis/lauf.sh BASIS-URL PASSWORT SEKUNDEN-JE-ROLLE LOGIN...
#   .ci/schemathesis/lauf.sh --installieren      (only the venv, e.g. early in CI's background)
# Installs schemathesis (pinned with hashes, requirements.txt) into a venv outside the clone.
set -euo pipefail
hier="$(cd "$(dirname "$0")" && pwd)"
venv="${HOME}/.cache/vierphasen-werkzeuge/schemathesis-$(sha256sum "$hier/requirements.txt" | cut -c1-12)"
if [ ! -e "$venv/fertig" ]; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check --require-hashes -r "$hier/requirements.txt"
  touch "$venv/fertig"
fi
[ "${1:-}" != "--installieren" ] || exit 0
basis="$1"; passwort="$2"; sekunden="$3"; shift 3
berichte="$(mktemp -d)"
ergebnis=0
# Every token first: the runs send wrong passwords to /anmeldung on purpose, and after enough of
# them the login throttle (per address) would answer a later role's real login with 429.
declare -A tokens=()
for login in "$@"; do
  # A session only to create the token; the run itself uses the token, as an API client would.
  cookies="$berichte/$login.cookies"
  curl -sS --fail-with-body -c "$cookies" -H 'content-type: application/json' -H "origin: $basis" \
    -d "{\"login\":\"$login\",\"passwort\":\"$passwort\"}" "$basis/api/v1/anmeldung" > /dev/null
  tokens[$login]="$(curl -sS --fail-with-body -b "$cookies" -H 'content-type: application/json' -H "origin: $basis" \
    -d '{"name":"schemathesis"}' "$basis/api/v1/tokens" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"
done
for login in "$@"; do
  token="${tokens[$login]}"
  echo "-- $login: $sekunden s, alle Prüfungen"
  # From the report directory: schemathesis keeps its caches in the working directory. Health
  # checks off: on a busy 2-core machine "too slow" would end a run without a finding. One worker:
  # with two threads, CPython 3.11's ast.parse (hypothesis describes its lambdas with it) races and
  # fails now and then with "SystemError: AST constructor recursion depth mismatch" (cpython
  # gh-106905), a runtime error of the tool, not a finding.
  if ! (cd "$berichte" && VIERPHASEN_TOKEN="$token" "$venv/bin/schemathesis" --config-file "$hier/schemathesis.toml" \
      run "$basis/api/v1/openapi.json" --checks all --max-time "$sekunden" --workers 1 \
      --suppress-health-check all --report junit --report-dir "$berichte/$login" --no-color \
      > "$berichte/$login.txt" 2>&1); then
    ergebnis=1
    cat "$berichte/$login.txt"
  else
    operationen="$(grep -Eo 'Tested: [0-9]+' "$berichte/$login.txt" | grep -Eo '[0-9]+')"
    faelle="$(grep -Eo '[0-9]+ generated' "$berichte/$login.txt" | grep -Eo '[0-9]+')"
    echo "schemathesis $login: $operationen Operationen, $faelle Testfälle, 0 Fehler"
  fi
done
exit "$ergebnis"

#!/usr/bin/env bash
# Install the Debian packages khuyencong needs to build and test.
# Idempotent: installs only what is missing. Run as root (CI and `make` call it);
# as another user it prints the apt-get line and stops.
set -euo pipefail

# Each package and what it is for (the README's dependency table mirrors this list).
pkgs=(
  build-essential   # gcc, make
  pkg-config        # library flags for the Makefile
  clang-format      # make lint
  libutf8proc-dev   # NFC normalisation, case folding, stripping diacritics
  libicu-dev        # test oracle: ICU's Vietnamese collator checks our collation keys
  libcmocka-dev     # unit-test framework
  libsqlite3-dev    # the embedded database (store layer)
  libsodium-dev     # SHA-256 of stored documents and tokens, random tokens, constant-time compares
  libargon2-dev     # argon2id password hashing
  libxlsxwriter-dev # reports, import templates and error reports as XLSX; test fixtures
  libcairo2-dev     # reports as PDF (drawing)
  libpango1.0-dev   # reports as PDF (Vietnamese text layout)
  fonts-liberation  # Liberation Serif: the Times-metric font of PDF reports (NĐ 30/2020)
  poppler-utils     # tests: pdftotext and pdftoppm read the PDF reports back
  unzip             # tests: read the XML inside XLSX reports
  libzip-dev        # import: reading .xlsx archives
  libexpat1-dev     # import: streaming XML parser for .xlsx sheets
  libreoffice-calc-nogui # tests only: converts fixtures to the odd files real offices send
  git               # --version reports the build's commit
  libmicrohttpd-dev # the HTTP server (epoll thread pool)
  libjansson-dev    # parsing JSON request bodies, report templates and stored report tables
  libcurl4-openssl-dev # test-only: an HTTP client for the API tests over loopback
  chromium          # test-only: the browser the web journeys drive (tests/web)
)
# Node and npm run the browser journeys (playwright-core from npm); a Node
# installed another way (with its own npm) is left alone.
command -v npm >/dev/null || pkgs+=(nodejs npm)

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "khuyencong needs these Debian packages; run as root:" >&2
  echo "  apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"

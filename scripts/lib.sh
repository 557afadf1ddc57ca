# Shared by scripts/run and scripts/test. Sourced, not executed.
# shellcheck shell=bash

KEYDESK_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Every system package the build, the tests and the app need. Keep this list the only one.
KEYDESK_PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-httpserver-dev qt6-websockets-dev qt6-charts-dev qt6-svg-dev qt6-qpa-plugins
  libqt6sql6-sqlite libqt6opengl6-dev libgl-dev
  qcoro-qt6-dev qtkeychain-qt6-dev
  libssl-dev openssl libsqlite3-dev sqlite3
)

keydesk_sudo() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs only what is missing, so a second run does nothing.
keydesk_install_packages() {
  local missing=() pkg
  for pkg in "${KEYDESK_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing missing packages: ${missing[*]}"
  keydesk_sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  keydesk_sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

keydesk_build() {
  local preset=$1
  cd "$KEYDESK_ROOT" || exit 1
  if [ ! -f "build/$preset/build.ninja" ]; then
    cmake --preset "$preset" || exit 1
  fi
  cmake --build --preset "$preset" || exit 1
}

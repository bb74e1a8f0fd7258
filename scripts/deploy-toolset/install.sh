#!/usr/bin/env bash
# npm run deploy:toolset — installs tools/deploy (wrangler, tsx, zod, yaml at the root lockfile's
# versions) and links it as ./node_modules, where the deploy scripts look for `zod` and
# node_modules/.bin/wrangler, with node_modules/.bin/typed-cicd to this checkout's launcher (what
# npm's workspace link gives the full install: the deploy:* scripts are `typed-cicd <command>`).
# For the jobs bound to an environment: ~240 MB from the registry with no cache and no install
# scripts, instead of the app's 1 GB. Written in bash because nothing is installed yet when it runs.
#
# With a directory argument it installs the toolset there instead and links nothing (the rehearsals'
# shared copy, scripts/deploy-toolset/ensure-toolset.ts): one install command for both. That copy
# gets the launcher copied beside its node_modules: it runs the sources of the repository it is
# started in (packages/pipeline/bin/typed-cicd.js), so one copy serves every checkout's sandboxes.
set -euo pipefail
cd "$(dirname "$0")/../.."
toolset=tools/deploy
launcher=packages/pipeline/bin/typed-cicd.js

install() {
  # --ignore-scripts: no code from the registry runs on a machine about to receive deploy
  # credentials (wrangler needs none of its dependencies' install scripts to upload, migrate or
  # roll back).
  npm ci --prefix "$1" --ignore-scripts --no-audit --no-fund
}

if [ $# -gt 0 ]; then
  mkdir -p "$1"
  cp "$toolset/package.json" "$toolset/package-lock.json" "$1/"
  install "$1"
  mkdir -p "$1/bin"
  cp "$launcher" "$1/bin/typed-cicd.js"
  ln -sfn ../../bin/typed-cicd.js "$1/node_modules/.bin/typed-cicd"
  exit 0
fi

committed=$(git ls-files -- node_modules ':(glob)**/node_modules/**' .wrangler 2>/dev/null | head -1)
if [ -n "$committed" ]; then
  # A node_modules folder in the commit would be trusted below as a full install (its
  # .bin/typed-cicd would run with the job's secrets), and Node resolves packages from any
  # node_modules above a module before the installed one. wrangler follows
  # .wrangler/deploy/config.json to another config (whose build.command it runs) when no --config
  # is given.
  case "$committed" in *node_modules*) what=node_modules ;; *) what=.wrangler ;; esac
  echo "::error::deploy:toolset: $what is committed ($committed) — remove it from git (git rm -r --cached <its folder>) and keep it in .gitignore" >&2
  exit 1
fi

if [ -e node_modules ] && [ ! -L node_modules ]; then
  # A laptop (or a job) with the full install already has everything the toolset holds.
  echo "deploy:toolset: ./node_modules is a full install; it already holds the deploy toolset — nothing to do."
  exit 0
fi

started=$(date +%s%N)
install "$toolset"
ln -sfn ../../../../"$launcher" "$toolset/node_modules/.bin/typed-cicd"
ln -sfn "$toolset/node_modules" node_modules
echo "deploy:toolset: $(node_modules/.bin/wrangler --version 2>/dev/null | tail -1 | tr -d '\n' || echo 'wrangler ?') installed in $(( ($(date +%s%N) - started) / 1000000 )) ms"

#!/usr/bin/env bash
# Builds a site folder for PYTHONPATH from the pure-Python source trees the official code needs (transformers 4.44.2,
# huggingface_hub 0.24.6, accelerate 0.34.2) without pip: each package is linked in and given a minimal .dist-info,
# since transformers checks huggingface-hub's, accelerate's and tokenizers' versions through importlib.metadata at
# import (transformers@v4.44.2 src/transformers/dependency_versions_check.py:25-57). Used by cpu_check.sh (inside
# the Debian root) and gpu_run.sh (on a GPU machine).
#
#   make_site.sh SITE TOKENIZERS PACKAGE_DIR...
#
# SITE is created (it must not exist). Each PACKAGE_DIR is a package folder (.../src/transformers). TOKENIZERS:
#   absent - link gpu_check/standin_absent/tokenizers (registered as 0.19.1) only when `import tokenizers` fails;
#   force  - link it even so: transformers 4.44.2 requires tokenizers >=0.19,<0.20 and refuses to import next to a
#            newer one (a GPU image's), while IRG's slow Qwen2Tokenizer never uses the library.
# Prints one "INFO package NAME VERSION from DIR" line per package.
set -euo pipefail
site="$1" tok="$2"; shift 2
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir "$site"
register() {   # name version
  mkdir -p "$site/$1-$2.dist-info"
  printf 'Metadata-Version: 2.1\nName: %s\nVersion: %s\n' "${1//_/-}" "$2" > "$site/$1-$2.dist-info/METADATA"
}
for p in "$@"; do
  name=$(basename "$p")
  version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$p/__init__.py" | head -1)
  [ -n "$version" ] || { echo "make_site: no __version__ in $p/__init__.py" >&2; exit 2; }
  ln -s "$p" "$site/$name"
  register "$name" "$version"
  echo "INFO package ${name//_/-} $version from $p"
done
if [ "$tok" = force ] || ! python3 -c "import tokenizers" 2>/dev/null; then
  ln -s "$here/standin_absent/tokenizers" "$site/tokenizers"
  register tokenizers 0.19.1
  echo "INFO package tokenizers: stand-in (gpu_check/standin_absent/tokenizers: AddedToken only; the slow Qwen2Tokenizer needs no more)"
fi

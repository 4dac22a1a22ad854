#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when a source file with translatable strings is missing from po/POTFILES.in, when
# POTFILES.in names a file that does not exist, or when it is not sorted.
#   check-potfiles.sh SOURCE_ROOT
set -eu
top=$1
potfiles="$top/po/POTFILES.in"
status=0

listed=$(grep -v '^#' "$potfiles" | sed '/^$/d')

sorted=$(printf '%s\n' "$listed" | LC_ALL=C sort)
if [ "$listed" != "$sorted" ]; then
  echo "po/POTFILES.in is not sorted (LC_ALL=C sort)" >&2
  status=1
fi

for f in $listed; do
  if [ ! -f "$top/$f" ]; then
    echo "po/POTFILES.in lists $f, which does not exist" >&2
    status=1
  fi
done

cd "$top"
# C files that call a gettext macro, .ui files with translatable properties, and the data files
# that i18n.merge_file translates.
candidates=$( (grep -l -E '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|g_dgettext|ngettext|g_dngettext)[[:space:]]*\(' \
                 $(find src -name '*.c' | LC_ALL=C sort) 2>/dev/null || true;
               grep -l 'translatable="yes"' $(find src -name '*.ui' | LC_ALL=C sort) 2>/dev/null || true;
               find data -name '*.desktop.in' -o -name '*.metainfo.xml.in' -o -name '*.gschema.xml' ) |
             LC_ALL=C sort -u)

for f in $candidates; do
  if ! printf '%s\n' "$listed" | grep -qxF "$f"; then
    echo "$f has translatable strings but is not in po/POTFILES.in" >&2
    status=1
  fi
done

exit $status

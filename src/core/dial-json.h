/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * Parses an answer body (@length bytes, not necessarily NUL-terminated) that must be one JSON
 * object, safely for any bytes a server or a network can deliver: deep nesting, several
 * top-level values, comments, invalid UTF-8 and truncation are refused before or by json-glib
 * (json-glib 1.6 alone overflows the stack on deep nesting and leaks all but the last of
 * several top-level values). Returns the root (a new reference, JSON_NODE_OBJECT, immutable)
 * or NULL with DIAL_ERROR_MALFORMED and a translated message.
 */
JsonNode *dial_json_parse_object (const char  *data,
                                  gsize        length,
                                  GError     **error);

G_END_DECLS

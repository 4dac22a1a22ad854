/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-json"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dial-error.h"
#include "dial-json.h"

/* Deeper nesting is refused before parsing (see check_structure()); a page of numbers is four
 * levels deep, and no Vonage answer is much deeper. */
#define MAX_JSON_DEPTH 64

static gboolean
structure_error (GError     **error,
                 const char  *message)
{
  g_set_error_literal (error, DIAL_ERROR, DIAL_ERROR_MALFORMED, message);
  return FALSE;
}

/* A quick look at the structure before json-glib parses it, for what json-glib 1.6 does not
 * handle safely: it recurses once per nesting level (a few hundred thousand `[` overflow the
 * stack), and it accepts several top-level values one after the other, leaking all but the
 * last. So: one object, nested at most MAX_JSON_DEPTH deep, and outside strings only the
 * characters JSON allows (no comments or single quotes, which json-glib's scanner would skip
 * and so hide brackets from this count). */
static gboolean
check_structure (const char  *data,
                 gsize        length,
                 GError     **error)
{
  gsize i = 0;
  guint depth = 0;

#define IS_SPACE(c) ((c) == ' ' || (c) == '\t' || (c) == '\n' || (c) == '\r')

  while (i < length && IS_SPACE (data[i]))
    i++;
  if (i == length || data[i] != '{')
    return structure_error (error, _("The answer is not a JSON object."));

  for (; i < length; i++)
    {
      switch (data[i])
        {
        case '"':
          /* Skip the string, with its escapes; an unterminated one is json-glib's to report. */
          for (i++; i < length && data[i] != '"'; i++)
            {
              if (data[i] == '\\')
                i++;
            }
          break;
        case '[':
        case '{':
          if (++depth > MAX_JSON_DEPTH)
            return structure_error (error, _("The answer is nested too deeply to be real."));
          break;
        case ']':
        case '}':
          if (depth == 0)
            return structure_error (error, _("The answer has unbalanced brackets."));
          if (--depth == 0)
            {
              /* The end of the root object: only whitespace may follow. */
              for (i++; i < length; i++)
                {
                  if (!IS_SPACE (data[i]))
                    return structure_error (error, _("The answer has more after its JSON object."));
                }
              return TRUE;
            }
          break;
        case ',': case ':': case '-': case '+': case '.':
          break;
        default:
          /* Whitespace, numbers and the literals true, false and null */
          if (!IS_SPACE (data[i]) && !g_ascii_isalnum (data[i]))
            return structure_error (error, _("The answer contains characters that are not JSON."));
          break;
        }
    }

#undef IS_SPACE

  return TRUE;
}

JsonNode *
dial_json_parse_object (const char  *data,
                        gsize        length,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length == 0 || length > G_MAXSSIZE)
    {
      structure_error (error, _("The answer is empty instead of JSON."));
      return NULL;
    }

  if (!check_structure (data, length, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      /* Translators: %s is json-glib's description of the problem */
      g_set_error (error, DIAL_ERROR, DIAL_ERROR_MALFORMED,
                   _("The answer is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_steal_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_clear_pointer (&root, json_node_unref);
      structure_error (error, _("The answer is not a JSON object."));
      return NULL;
    }

  return root;
}

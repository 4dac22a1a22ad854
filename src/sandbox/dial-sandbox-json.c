/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-sandbox"

#include "config.h"

#include <string.h>

#include "dial-sandbox-private.h"

/*
 * JSON out of the sandbox is written by hand into a GString: a 100-number page must cost well
 * under a millisecond, and the key order follows the official examples. Strings reaching here
 * are valid UTF-8 (request values are checked on the way in), so only JSON's own escapes are
 * needed.
 */

static const char * const feature_names[] = { "SMS", "VOICE", "MMS" };

void
sandbox_json_append_string (GString    *out,
                            const char *str)
{
  const char *p = str;

  g_string_append_c (out, '"');
  while (*p != '\0')
    {
      const char *start = p;

      while (*p != '\0' && *p != '"' && *p != '\\' && (guchar) *p >= 0x20)
        p++;
      g_string_append_len (out, start, p - start);
      if (*p == '\0')
        break;
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default: g_string_append_printf (out, "\\u%04x", (guint) (guchar) *p); break;
        }
      p++;
    }
  g_string_append_c (out, '"');
}

static void
append_member (GString    *out,
               const char *key,
               const char *value)
{
  if (value == NULL)
    return;
  g_string_append_c (out, ',');
  sandbox_json_append_string (out, key);
  g_string_append_c (out, ':');
  sandbox_json_append_string (out, value);
}

static void
append_price_member (GString    *out,
                     const char *key,
                     gint64      value)
{
  g_string_append_printf (out, ",\"%s\":\"", key);
  sandbox_money_append_price (out, value);
  g_string_append_c (out, '"');
}

static void
append_features (GString             *out,
                 const SandboxNumber *number)
{
  /* The order of the spec's example: VOICE, SMS, MMS. */
  static const guint8 order[] = { SANDBOX_FEATURE_VOICE, SANDBOX_FEATURE_SMS, SANDBOX_FEATURE_MMS };
  static const char * const names[] = { "\"VOICE\"", "\"SMS\"", "\"MMS\"" };
  gboolean first = TRUE;

  g_string_append (out, ",\"features\":[");
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (number->features & order[i])
      {
        if (!first)
          g_string_append_c (out, ',');
        g_string_append (out, names[i]);
        first = FALSE;
      }
  g_string_append_c (out, ']');
}

static void
append_limitations (GString             *out,
                    const SandboxNumber *number)
{
  if (number->n_limitations == 0)
    return;
  g_string_append (out, ",\"limitations\":[");
  for (guint i = 0; i < number->n_limitations; i++)
    {
      guint8 l = number->limitations[i];

      g_string_append_printf (out, "%s{\"feature\":\"%s\",\"type\":\"%s\",\"reach\":\"%s\"}",
                              i > 0 ? "," : "", feature_names[l & 3],
                              (l & 4) ? "OUTBOUND" : "INBOUND",
                              (l & 8) ? "INTERNATIONAL" : "DOMESTIC");
    }
  g_string_append_c (out, ']');
}

void
sandbox_json_append_number (GString             *out,
                            const SandboxNumber *number,
                            SandboxJsonMode      mode)
{
  g_string_append (out, "{\"country\":");
  sandbox_json_append_string (out, number->country);
  append_member (out, "msisdn", number->msisdn);

  if (mode == SANDBOX_JSON_AVAILABLE)
    {
      append_price_member (out, "cost", number->cost);
      append_price_member (out, "initialPrice", number->initial_price);
      append_member (out, "type", sandbox_type_to_string (number->type));
      append_features (out, number);
      append_limitations (out, number);
      g_string_append_c (out, '}');
      return;
    }

  append_member (out, "moHttpUrl", number->mo_http_url);
  append_member (out, "type", sandbox_type_to_string (number->type));
  append_features (out, number);
  append_member (out, "voiceCallbackType", number->voice_callback_type);
  append_member (out, "voiceCallbackValue", number->voice_callback_value);
  /* Whether the list returns voiceStatusCallback and moSmppSysType is UNCONFIRMED (NOTES §4.1);
   * the sandbox returns them when set, so that a read-change-write client can keep them. */
  append_member (out, "voiceStatusCallback", number->voice_status_callback);
  append_member (out, "moSmppSysType", number->mo_smpp_sys_type);
  append_member (out, "messagesCallbackType", number->messages_callback_type);
  append_member (out, "messagesCallbackValue", number->messages_callback_value);
  append_member (out, "app_id", number->app_id);
  append_limitations (out, number);
  if (mode == SANDBOX_JSON_STATE)
    {
      append_price_member (out, "cost", number->cost);
      append_price_member (out, "initialPrice", number->initial_price);
    }
  g_string_append_c (out, '}');
}

static gboolean
read_string (JsonObject  *object,
             const char  *key,
             char       **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "“%s” is not a string", key);
      return FALSE;
    }
  g_free (*out);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
read_price (JsonObject  *object,
            const char  *key,
            gint64      *out,
            GError     **error)
{
  g_autofree char *str = NULL;

  if (!read_string (object, key, &str, error))
    return FALSE;
  if (str != NULL && !sandbox_money_parse (str, out))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "“%s” is not a price", key);
      return FALSE;
    }
  return TRUE;
}

static int
feature_index (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (feature_names); i++)
    if (g_strcmp0 (name, feature_names[i]) == 0)
      return i;
  return -1;
}

static gboolean
read_features (JsonObject     *object,
               SandboxNumber  *number,
               GError        **error)
{
  JsonNode *node = json_object_get_member (object, "features");
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    goto bad;
  array = json_node_get_array (node);
  number->features = 0;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      int index;

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        goto bad;
      index = feature_index (json_node_get_string (item));
      if (index < 0)
        goto bad;
      number->features |= 1 << index;
    }
  return TRUE;

bad:
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "“features” is not an array of SMS, VOICE, MMS");
  return FALSE;
}

static gboolean
read_limitations (JsonObject     *object,
                  SandboxNumber  *number,
                  GError        **error)
{
  JsonNode *node = json_object_get_member (object, "limitations");
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    goto bad;
  array = json_node_get_array (node);
  if (json_array_get_length (array) > SANDBOX_MAX_LIMITATIONS)
    goto bad;
  number->n_limitations = 0;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      JsonObject *limit;
      const char *type, *reach;
      int index;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        goto bad;
      limit = json_node_get_object (item);
      index = feature_index (json_object_get_string_member_with_default (limit, "feature", ""));
      type = json_object_get_string_member_with_default (limit, "type", "");
      reach = json_object_get_string_member_with_default (limit, "reach", "");
      if (index < 0 ||
          (g_strcmp0 (type, "INBOUND") != 0 && g_strcmp0 (type, "OUTBOUND") != 0) ||
          (g_strcmp0 (reach, "DOMESTIC") != 0 && g_strcmp0 (reach, "INTERNATIONAL") != 0))
        goto bad;
      number->limitations[number->n_limitations++] =
        SANDBOX_LIMIT (index, g_str_equal (type, "OUTBOUND"), g_str_equal (reach, "INTERNATIONAL"));
    }
  return TRUE;

bad:
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "“limitations” is not valid");
  return FALSE;
}

static gboolean
is_digits (const char *str)
{
  if (str == NULL || *str == '\0')
    return FALSE;
  for (; *str != '\0'; str++)
    if (!g_ascii_isdigit (*str))
      return FALSE;
  return TRUE;
}

SandboxNumber *
sandbox_json_read_number (JsonObject  *object,
                          GError     **error)
{
  SandboxNumber *number = sandbox_number_new ();
  g_autofree char *country = NULL;
  g_autofree char *type = NULL;
  SandboxNumberType type_value = SANDBOX_TYPE_LANDLINE;

  number->cost = SANDBOX_MONEY_SCALE; /* 1.00 when a test leaves it out */

  if (!read_string (object, "country", &country, error) ||
      !read_string (object, "msisdn", &number->msisdn, error) ||
      !read_string (object, "type", &type, error) ||
      !read_features (object, number, error) ||
      !read_limitations (object, number, error) ||
      !read_price (object, "cost", &number->cost, error) ||
      !read_price (object, "initialPrice", &number->initial_price, error) ||
      !read_string (object, "moHttpUrl", &number->mo_http_url, error) ||
      !read_string (object, "moSmppSysType", &number->mo_smpp_sys_type, error) ||
      !read_string (object, "voiceCallbackType", &number->voice_callback_type, error) ||
      !read_string (object, "voiceCallbackValue", &number->voice_callback_value, error) ||
      !read_string (object, "voiceStatusCallback", &number->voice_status_callback, error) ||
      !read_string (object, "messagesCallbackType", &number->messages_callback_type, error) ||
      !read_string (object, "messagesCallbackValue", &number->messages_callback_value, error) ||
      !read_string (object, "app_id", &number->app_id, error))
    goto fail;

  if (country == NULL || strlen (country) != 2 ||
      !g_ascii_isupper (country[0]) || !g_ascii_isupper (country[1]))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "“country” must be two capital letters");
      goto fail;
    }
  memcpy (number->country, country, 3);

  if (!is_digits (number->msisdn) || strlen (number->msisdn) > 15)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "“msisdn” must be E.164 digits");
      goto fail;
    }

  if (type != NULL && !sandbox_type_from_string (type, &type_value))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Unknown type “%s”", type);
      goto fail;
    }
  number->type = type_value;

  return number;

fail:
  sandbox_number_free (number);
  return NULL;
}

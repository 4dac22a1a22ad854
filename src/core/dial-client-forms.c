/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-client"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <math.h>

#include "dial-client-private.h"
#include "dial-error.h"
#include "dial-format.h"
#include "dial-number.h"
#include "dial-number-private.h"
#include "dial-validate.h"

/* What goes into a request (validated forms) and what comes out of an answer (its body, parsed
 * once, into the operation's result). */

#define PATTERN_MAX_DIGITS         15
#define HTTP_OK                    200

/* Forms: every value validated and normalised before anything is sent */

GHashTable *
dial_form_new (void)
{
  /* Keys are static strings. */
  return g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
}

void
dial_form_add_uint (GHashTable *form,
                    const char *key,
                    guint       value)
{
  g_hash_table_replace (form, (gpointer) key, g_strdup_printf ("%u", value));
}

gboolean
dial_form_add_country (GHashTable  *form,
                       const char  *country,
                       GError     **error)
{
  char *normalized = NULL;

  if (!dial_validate_country (country, &normalized, error))
    return FALSE;

  g_hash_table_replace (form, (gpointer) "country", normalized);
  return TRUE;
}

gboolean
dial_form_add_msisdn (GHashTable  *form,
                      const char  *msisdn,
                      GError     **error)
{
  char *normalized = NULL;

  if (!dial_validate_msisdn (msisdn, &normalized, error))
    return FALSE;

  g_hash_table_replace (form, (gpointer) "msisdn", normalized);
  return TRUE;
}

static gboolean
dial_form_add_pattern (GHashTable       *form,
                       const char       *pattern,
                       DialPatternMode   mode,
                       GError          **error)
{
  const char *digits = pattern;

  if (mode != DIAL_PATTERN_STARTS_WITH && mode != DIAL_PATTERN_CONTAINS &&
      mode != DIAL_PATTERN_ENDS_WITH)
    return dial_client_set_invalid_input (error, _("(Unknown kind of number pattern.)"));

  if (pattern == NULL || *pattern == '\0')
    return TRUE;

  if (*digits == '+')
    digits++;

  if (*digits == '\0' || strlen (digits) > PATTERN_MAX_DIGITS ||
      strspn (digits, "0123456789") != strlen (digits))
    return dial_client_set_invalid_input (
      error, _("A number pattern can only contain digits (up to 15)."));

  g_hash_table_replace (form, (gpointer) "pattern", g_strdup (digits));
  dial_form_add_uint (form, "search_pattern", mode);
  return TRUE;
}

gboolean
dial_form_add_page (GHashTable  *form,
                    guint        size,
                    guint        index,
                    GError     **error)
{
  if (size > DIAL_PAGE_SIZE_MAX)
    return dial_client_set_invalid_input (error, _("A page can hold at most 100 numbers."));

  dial_form_add_uint (form, "size", size == 0 ? DIAL_PAGE_SIZE_MAX : size);
  dial_form_add_uint (form, "index", index == 0 ? 1 : index);
  return TRUE;
}

/* The filters of an owned query, without size and index. */
GHashTable *
dial_owned_query_to_form (const DialOwnedQuery  *query,
                          GError               **error)
{
  g_autoptr(GHashTable) form = dial_form_new ();

  if (query == NULL)
    return g_steal_pointer (&form);

  if (query->country != NULL && !dial_form_add_country (form, query->country, error))
    return NULL;

  if (!dial_form_add_pattern (form, query->pattern, query->search_pattern, error))
    return NULL;

  switch (query->has_application)
    {
    case DIAL_APPLICATION_ANY:
      break;
    case DIAL_APPLICATION_LINKED:
      g_hash_table_replace (form, (gpointer) "has_application", g_strdup ("true"));
      break;
    case DIAL_APPLICATION_NOT_LINKED:
      g_hash_table_replace (form, (gpointer) "has_application", g_strdup ("false"));
      break;
    default:
      dial_client_set_invalid_input (error, _("(Unknown application filter.)"));
      return NULL;
    }

  if (query->application_id != NULL)
    {
      char *normalized = NULL;

      if (!dial_validate_application_id (query->application_id, &normalized, error))
        return NULL;
      g_hash_table_replace (form, (gpointer) "application_id", normalized);
    }

  return g_steal_pointer (&form);
}

static const char *
features_to_string (DialFeatures features)
{
  /* The only spellings the API allows (NOTES.md §3.2). */
  switch ((guint) features)
    {
    case DIAL_FEATURE_SMS:
      return "SMS";
    case DIAL_FEATURE_VOICE:
      return "VOICE";
    case DIAL_FEATURE_SMS | DIAL_FEATURE_VOICE:
      return "SMS,VOICE";
    case DIAL_FEATURE_MMS:
      return "MMS";
    case DIAL_FEATURE_SMS | DIAL_FEATURE_MMS:
      return "SMS,MMS";
    case DIAL_FEATURE_VOICE | DIAL_FEATURE_MMS:
      return "VOICE,MMS";
    case DIAL_FEATURE_SMS | DIAL_FEATURE_MMS | DIAL_FEATURE_VOICE:
      return "SMS,MMS,VOICE";
    default:
      return NULL;
    }
}

GHashTable *
dial_search_query_to_form (const DialSearchQuery  *query,
                           GError                **error)
{
  g_autoptr(GHashTable) form = dial_form_new ();

  if (query->country == NULL || *query->country == '\0')
    {
      dial_client_set_invalid_input (error, _("Choose the country to search in."));
      return NULL;
    }

  if (!dial_form_add_country (form, query->country, error))
    return NULL;

  switch (query->type)
    {
    case DIAL_NUMBER_TYPE_UNKNOWN:
      break;
    case DIAL_NUMBER_TYPE_LANDLINE:
      g_hash_table_replace (form, (gpointer) "type", g_strdup ("landline"));
      break;
    case DIAL_NUMBER_TYPE_MOBILE_LVN:
      g_hash_table_replace (form, (gpointer) "type", g_strdup ("mobile-lvn"));
      break;
    case DIAL_NUMBER_TYPE_LANDLINE_TOLL_FREE:
      g_hash_table_replace (form, (gpointer) "type", g_strdup ("landline-toll-free"));
      break;
    default:
      dial_client_set_invalid_input (error, _("(Unknown number type.)"));
      return NULL;
    }

  if (!dial_form_add_pattern (form, query->pattern, query->search_pattern, error))
    return NULL;

  if (query->features != DIAL_FEATURE_NONE)
    {
      const char *features = features_to_string (query->features);

      if (features == NULL)
        {
          dial_client_set_invalid_input (error, _("(Unknown number feature.)"));
          return NULL;
        }
      g_hash_table_replace (form, (gpointer) "features", g_strdup (features));
    }

  if (!dial_form_add_page (form, query->size, query->index, error))
    return NULL;

  return g_steal_pointer (&form);
}

/* Bodies */

void
dial_page_result_free (DialPageResult *page)
{
  g_clear_pointer (&page->numbers, g_ptr_array_unref);
  g_free (page);
}

/* {"count":…, "numbers":[…]}, read as dial_numbers_parse_page() reads it, an error in the
 * client's words. */
static GPtrArray *
parse_numbers_page (JsonNode  *root,
                    guint     *out_count,
                    GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  GPtrArray *numbers = dial_numbers_read_page (root, out_count, &local_error);

  if (numbers == NULL)
    {
      /* Translators: %s describes what is wrong with the answer. */
      g_autofree char *detail = g_strdup_printf (_("(%s)"), local_error->message);

      g_propagate_error (error, dial_client_error_new (DIAL_ERROR_MALFORMED, 0, NULL, detail));
    }
  return numbers;
}

DialPageResult *
dial_client_read_page (JsonNode  *root,
                       GError   **error)
{
  DialPageResult *page = g_new0 (DialPageResult, 1);

  page->numbers = parse_numbers_page (root, &page->count, error);
  if (page->numbers == NULL)
    {
      dial_page_result_free (page);
      return NULL;
    }
  return page;
}

void
dial_client_handle_page (GTask    *task,
                         JsonNode *root,
                         guint     status)
{
  GError *error = NULL;
  DialPageResult *page = dial_client_read_page (root, &error);

  if (page == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, page, (GDestroyNotify) dial_page_result_free);
}

/* For lookups: the task data is the normalised msisdn to find exactly. */
void
dial_client_handle_lookup (GTask    *task,
                           JsonNode *root,
                           guint     status)
{
  const char *msisdn = g_task_get_task_data (task);
  g_autoptr(GPtrArray) numbers = NULL;
  GError *error = NULL;
  guint count;

  numbers = parse_numbers_page (root, &count, &error);
  if (numbers == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < numbers->len; i++)
    {
      DialNumber *number = g_ptr_array_index (numbers, i);

      if (g_strcmp0 (dial_number_get_msisdn (number), msisdn) == 0)
        {
          g_task_return_pointer (task, g_object_ref (number), g_object_unref);
          return;
        }
    }

  g_task_return_pointer (task, NULL, NULL);
}

/* buy, cancel, update: {"error-code":"200", …}; other codes were refused before this. */
void
dial_client_handle_status (GTask    *task,
                           JsonNode *root,
                           guint     status)
{
  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member (json_node_get_object (root), "error-code"))
    {
      g_task_return_error (task,
                           dial_client_error_new (DIAL_ERROR_OUTCOME_UNKNOWN, status, NULL,
                                                  _("(The answer did not say whether it "
                                                    "worked.)")));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/*
 * `value` is a JSON number ("10.17127500"). json-glib hands it over as a double; formatted
 * back with 8 decimals (g_ascii_formatd) and parsed with dial_money_parse it is exactly the
 * decimal that was sent whenever it has at most 15 significant digits, i.e. for any balance
 * under 10 million EUR with 8 decimals. An integer is taken as it is; a string is parsed too.
 */
static gboolean
parse_balance_value (JsonNode   *node,
                     DialMoney  *out_value,
                     GError    **error)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  gint64 whole;
  double value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    goto malformed;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      whole = json_node_get_int (node);
      if (whole > G_MAXINT64 / DIAL_MONEY_SCALE || whole < -(G_MAXINT64 / DIAL_MONEY_SCALE))
        goto malformed;
      *out_value = whole * DIAL_MONEY_SCALE;
      return TRUE;

    case G_TYPE_DOUBLE:
      value = json_node_get_double (node);
      if (!isfinite (value) || fabs (value) >= 9.0e10)
        goto malformed;
      g_ascii_formatd (buffer, sizeof buffer, "%.8f", value);
      if (!dial_money_parse (buffer, out_value))
        goto malformed;
      return TRUE;

    case G_TYPE_STRING:
      if (!dial_money_parse (json_node_get_string (node), out_value))
        goto malformed;
      return TRUE;

    default:
      goto malformed;
    }

malformed:
  g_propagate_error (error, dial_client_error_new (DIAL_ERROR_MALFORMED, 0, NULL,
                                                   _("(The balance is not a number.)")));
  return FALSE;
}

void
dial_client_handle_balance (GTask    *task,
                            JsonNode *root,
                            guint     status)
{
  DialBalanceResult *balance;
  JsonObject *object;
  GError *error = NULL;
  DialMoney value = 0;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_task_return_error (task, dial_client_error_new (DIAL_ERROR_MALFORMED, 0, NULL,
                                                        _("(The balance is not a JSON object.)")));
      return;
    }

  object = json_node_get_object (root);
  if (!parse_balance_value (json_object_get_member (object, "value"), &value, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  balance = g_new0 (DialBalanceResult, 1);
  balance->value = value;
  balance->auto_reload = json_object_get_boolean_member_with_default (object, "autoReload",
                                                                      FALSE);
  g_task_return_pointer (task, balance, g_free);
}

void
dial_client_handle_webhook (GTask    *task,
                            JsonNode *root,
                            guint     status)
{
  g_autofree char *message = NULL;

  if (status == HTTP_OK)
    {
      g_task_return_int (task, status);
      return;
    }

  /* Translators: %u is an HTTP status code and %s its standard English name. */
  message = g_strdup_printf (_("The webhook address answered with HTTP status %u (%s) instead of "
                               "200 OK, so Vonage would not accept it."),
                             status, soup_status_get_phrase (status));
  g_task_return_error (task, dial_error_new_full (DIAL_ERROR_REFUSED, status, NULL, message));
}

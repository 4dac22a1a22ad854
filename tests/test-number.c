/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-number"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "dial-enum-types.h"
#include "dial-error.h"
#include "dial-json.h"
#include "dial-number.h"

/* Verbatim from NOTES.md §3.1 (S-EX list-owned-numbers/JSON) */
static const char official_list[] =
  "{\"count\":1,\"numbers\":[{\"country\":\"GB\",\"msisdn\":\"447700900000\",\"moHttpUrl\":\"https://example.com/mo\",\n"
  " \"type\":\"mobile-lvn\",\"features\":[\"VOICE\",\"SMS\"],\"voiceCallbackType\":\"app\",\n"
  " \"voiceCallbackValue\":\"aaaaaaaa-bbbb-cccc-dddd-0123456789ab\",\"messagesCallbackType\":\"app\",\n"
  " \"messagesCallbackValue\":\"aaaaaaaa-cccc-bbbb-dddd-0123456789ac\"}]}";

/* Verbatim from NOTES.md §3.2 (S-EX search-available-numbers/JSON, trailing comma removed) */
static const char official_search[] =
  "{\"count\":1234,\"numbers\":[{\"country\":\"GB\",\"msisdn\":\"447700900000\",\"cost\":\"1.25\",\"type\":\"mobile-lvn\",\"features\":[\"VOICE\",\"SMS\"]}]}";

/* An owned number with every field numbers.yml v1.1.0 and the update schema know. */
static const char owned_full[] =
  "{\"count\":1,\"numbers\":[{\"country\":\"GB\",\"msisdn\":\"447700900001\","
  "\"moHttpUrl\":\"https://example.com/webhooks/inbound-sms\",\"moSmppSysType\":\"inbound\","
  "\"type\":\"landline\",\"features\":[\"SMS\",\"VOICE\",\"MMS\"],"
  "\"voiceCallbackType\":\"sip\",\"voiceCallbackValue\":\"sip:support@example.com\","
  "\"voiceStatusCallback\":\"https://example.com/webhooks/status\","
  "\"messagesCallbackType\":\"app\",\"messagesCallbackValue\":\"aaaaaaaa-cccc-bbbb-dddd-0123456789ac\","
  "\"app_id\":\"aaaaaaaa-bbbb-cccc-dddd-0123456789ab\","
  "\"limitations\":[{\"feature\":\"SMS\",\"type\":\"OUTBOUND\",\"reach\":\"INTERNATIONAL\"}]}]}";

static GPtrArray *
parse_ok (const char *json,
          guint      *out_count)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *numbers = dial_numbers_parse_page (json, strlen (json), out_count, &error);

  g_assert_no_error (error);
  g_assert_nonnull (numbers);
  return numbers;
}

static void
assert_malformed (const char *data,
                  gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) numbers = NULL;
  guint count = 99;

  numbers = dial_numbers_parse_page (data, length, &count, &error);
  g_assert_null (numbers);
  g_assert_error (error, DIAL_ERROR, DIAL_ERROR_MALFORMED);
  g_assert_cmpuint (strlen (error->message), >, 10);
  g_assert_cmpuint (count, ==, 0);
}

static guint
count_of (const char *json)
{
  g_autoptr(GPtrArray) numbers = NULL;
  guint count = 0;

  numbers = parse_ok (json, &count);
  return count;
}

static void
test_official_list (void)
{
  g_autoptr(GPtrArray) numbers = NULL;
  DialNumber *number;
  guint count = 0;

  numbers = parse_ok (official_list, &count);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpuint (numbers->len, ==, 1);

  number = g_ptr_array_index (numbers, 0);
  g_assert_cmpstr (dial_number_get_country (number), ==, "GB");
  g_assert_cmpstr (dial_number_get_msisdn (number), ==, "447700900000");
  g_assert_cmpstr (dial_number_get_mo_http_url (number), ==, "https://example.com/mo");
  g_assert_cmpint (dial_number_get_number_type (number), ==, DIAL_NUMBER_TYPE_MOBILE_LVN);
  g_assert_cmpstr (dial_number_get_type_string (number), ==, "mobile-lvn");
  g_assert_cmpint (dial_number_get_features (number), ==, DIAL_FEATURE_VOICE | DIAL_FEATURE_SMS);
  g_assert_cmpstrv (dial_number_get_feature_strings (number),
                    ((const char * const[]) { "VOICE", "SMS", NULL }));
  g_assert_cmpint (dial_number_get_voice_callback_type (number), ==, DIAL_VOICE_CALLBACK_APP);
  g_assert_cmpstr (dial_number_get_voice_callback_type_string (number), ==, "app");
  g_assert_cmpstr (dial_number_get_voice_callback_value (number), ==,
                   "aaaaaaaa-bbbb-cccc-dddd-0123456789ab");
  g_assert_cmpstr (dial_number_get_messages_callback_type (number), ==, "app");
  g_assert_cmpstr (dial_number_get_messages_callback_value (number), ==,
                   "aaaaaaaa-cccc-bbbb-dddd-0123456789ac");
  /* Not in the example: absent, not empty */
  g_assert_null (dial_number_get_cost (number));
  g_assert_null (dial_number_get_initial_price (number));
  g_assert_null (dial_number_get_mo_smpp_sys_type (number));
  g_assert_null (dial_number_get_voice_status_callback (number));
  g_assert_null (dial_number_get_app_id (number));
  g_assert_cmpuint (dial_number_get_n_limitations (number), ==, 0);
}

static void
test_official_search (void)
{
  g_autoptr(GPtrArray) numbers = NULL;
  DialNumber *number;
  guint count = 0;

  numbers = parse_ok (official_search, &count);
  g_assert_cmpuint (count, ==, 1234);
  g_assert_cmpuint (numbers->len, ==, 1);

  number = g_ptr_array_index (numbers, 0);
  g_assert_cmpstr (dial_number_get_country (number), ==, "GB");
  g_assert_cmpstr (dial_number_get_msisdn (number), ==, "447700900000");
  g_assert_cmpstr (dial_number_get_cost (number), ==, "1.25");
  g_assert_cmpint (dial_number_get_number_type (number), ==, DIAL_NUMBER_TYPE_MOBILE_LVN);
  g_assert_cmpint (dial_number_get_features (number), ==, DIAL_FEATURE_VOICE | DIAL_FEATURE_SMS);
  g_assert_cmpint (dial_number_get_voice_callback_type (number), ==, DIAL_VOICE_CALLBACK_NONE);
  g_assert_null (dial_number_get_voice_callback_type_string (number));
  g_assert_null (dial_number_get_mo_http_url (number));
}

static void
test_every_field (void)
{
  g_autoptr(GPtrArray) numbers = NULL;
  DialNumber *number;
  const DialLimitation *limitation;

  numbers = parse_ok (owned_full, NULL);
  number = g_ptr_array_index (numbers, 0);
  g_assert_cmpstr (dial_number_get_mo_smpp_sys_type (number), ==, "inbound");
  g_assert_cmpint (dial_number_get_number_type (number), ==, DIAL_NUMBER_TYPE_LANDLINE);
  g_assert_cmpint (dial_number_get_features (number), ==,
                   DIAL_FEATURE_SMS | DIAL_FEATURE_VOICE | DIAL_FEATURE_MMS);
  g_assert_cmpint (dial_number_get_voice_callback_type (number), ==, DIAL_VOICE_CALLBACK_SIP);
  g_assert_cmpstr (dial_number_get_voice_callback_value (number), ==, "sip:support@example.com");
  g_assert_cmpstr (dial_number_get_voice_status_callback (number), ==,
                   "https://example.com/webhooks/status");
  g_assert_cmpstr (dial_number_get_app_id (number), ==, "aaaaaaaa-bbbb-cccc-dddd-0123456789ab");
  g_assert_cmpuint (dial_number_get_n_limitations (number), ==, 1);
  limitation = dial_number_get_limitation (number, 0);
  g_assert_cmpstr (limitation->feature, ==, "SMS");
  g_assert_cmpstr (limitation->type, ==, "OUTBOUND");
  g_assert_cmpstr (limitation->reach, ==, "INTERNATIONAL");
}

static void
test_properties (void)
{
  g_autoptr(GPtrArray) numbers = parse_ok (owned_full, NULL);
  DialNumber *number = g_ptr_array_index (numbers, 0);
  g_autofree char *country = NULL;
  g_autofree char *msisdn = NULL;
  g_autofree char *type_string = NULL;
  g_autofree char *mo_http_url = NULL;
  g_autofree char *voice_value = NULL;
  g_autofree char *app_id = NULL;
  g_auto(GStrv) feature_strings = NULL;
  DialNumberType type;
  DialFeatures features;
  DialVoiceCallbackType voice_type;
  guint n_limitations;

  g_object_get (number,
                "country", &country,
                "msisdn", &msisdn,
                "number-type", &type,
                "type-string", &type_string,
                "features", &features,
                "feature-strings", &feature_strings,
                "mo-http-url", &mo_http_url,
                "voice-callback-type", &voice_type,
                "voice-callback-value", &voice_value,
                "app-id", &app_id,
                "n-limitations", &n_limitations,
                NULL);
  g_assert_cmpstr (country, ==, "GB");
  g_assert_cmpstr (msisdn, ==, "447700900001");
  g_assert_cmpint (type, ==, DIAL_NUMBER_TYPE_LANDLINE);
  g_assert_cmpstr (type_string, ==, "landline");
  g_assert_cmpint (features, ==, DIAL_FEATURE_SMS | DIAL_FEATURE_VOICE | DIAL_FEATURE_MMS);
  g_assert_cmpstrv (feature_strings, ((const char * const[]) { "SMS", "VOICE", "MMS", NULL }));
  g_assert_cmpstr (mo_http_url, ==, "https://example.com/webhooks/inbound-sms");
  g_assert_cmpint (voice_type, ==, DIAL_VOICE_CALLBACK_SIP);
  g_assert_cmpstr (voice_value, ==, "sip:support@example.com");
  g_assert_cmpstr (app_id, ==, "aaaaaaaa-bbbb-cccc-dddd-0123456789ab");
  g_assert_cmpuint (n_limitations, ==, 1);

  /* Every property is read-only and explicit-notify. */
  {
    guint n_pspecs;
    g_autofree GParamSpec **pspecs =
      g_object_class_list_properties (G_OBJECT_GET_CLASS (number), &n_pspecs);

    g_assert_cmpuint (n_pspecs, >=, 18);
    for (guint i = 0; i < n_pspecs; i++)
      {
        g_assert_true (pspecs[i]->flags & G_PARAM_READABLE);
        g_assert_false (pspecs[i]->flags & G_PARAM_WRITABLE);
        g_assert_true (pspecs[i]->flags & G_PARAM_EXPLICIT_NOTIFY);
      }
  }
}

static void
test_empty_pages (void)
{
  g_autoptr(GPtrArray) empty = NULL;
  g_autoptr(GPtrArray) no_numbers = NULL;
  g_autoptr(GPtrArray) null_numbers = NULL;
  g_autoptr(GPtrArray) empty_array = NULL;
  guint count = 99;

  empty = parse_ok ("{}", &count);
  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_cmpuint (count, ==, 0);

  no_numbers = parse_ok ("{\"count\":0}", &count);
  g_assert_cmpuint (no_numbers->len, ==, 0);
  g_assert_cmpuint (count, ==, 0);

  /* A page past the end still tells the total. */
  null_numbers = parse_ok ("{\"count\":3,\"numbers\":null}", &count);
  g_assert_cmpuint (null_numbers->len, ==, 0);
  g_assert_cmpuint (count, ==, 3);

  empty_array = parse_ok ("  {\"count\":589,\"numbers\":[]}\n", &count);
  g_assert_cmpuint (empty_array->len, ==, 0);
  g_assert_cmpuint (count, ==, 589);
}

static void
test_absurd_counts (void)
{
  const char *one = "\"numbers\":[{\"msisdn\":\"447700900000\"}]}";
  g_autofree char *negative = g_strconcat ("{\"count\":-5,", one, NULL);
  g_autofree char *too_few = g_strconcat ("{\"count\":0,", one, NULL);
  g_autofree char *float_count = g_strconcat ("{\"count\":12.5,", one, NULL);
  g_autofree char *integral_float = g_strconcat ("{\"count\":12.0,", one, NULL);
  g_autofree char *infinite = g_strconcat ("{\"count\":1e400,", one, NULL);
  g_autofree char *string_count = g_strconcat ("{\"count\":\"42\",", one, NULL);
  g_autofree char *bad_string = g_strconcat ("{\"count\":\"4x\",", one, NULL);
  g_autofree char *object_count = g_strconcat ("{\"count\":{},", one, NULL);
  g_autofree char *bool_count = g_strconcat ("{\"count\":true,", one, NULL);
  g_autofree char *missing = g_strconcat ("{", one, NULL);

  /* Not usable: what the page holds is all we know. */
  g_assert_cmpuint (count_of (negative), ==, 1);
  g_assert_cmpuint (count_of (float_count), ==, 1);
  g_assert_cmpuint (count_of (infinite), ==, 1);
  g_assert_cmpuint (count_of (bad_string), ==, 1);
  g_assert_cmpuint (count_of (object_count), ==, 1);
  g_assert_cmpuint (count_of (bool_count), ==, 1);
  g_assert_cmpuint (count_of (missing), ==, 1);
  /* A total below what the page holds is raised to it. */
  g_assert_cmpuint (count_of (too_few), ==, 1);
  /* Spellings some servers use */
  g_assert_cmpuint (count_of (integral_float), ==, 12);
  g_assert_cmpuint (count_of (string_count), ==, 42);
  /* Huge totals are clamped, never wrapped around. */
  g_assert_cmpuint (count_of ("{\"count\":5000000000}"), ==, G_MAXUINT);
  g_assert_cmpuint (count_of ("{\"count\":1e15}"), ==, G_MAXUINT);
  g_assert_cmpuint (count_of ("{\"count\":\"99999999999999999999999999\"}"), ==, G_MAXUINT);
  g_assert_cmpuint (count_of ("{\"count\":4294967295}"), ==, G_MAXUINT);
  g_assert_cmpuint (count_of ("{\"count\":4294967294}"), ==, 4294967294u);
}

static void
test_malformed (void)
{
  static const char not_utf8[] = "{\"count\":1,\"numbers\":[{\"country\":\"GB\",\"msisdn\":\"44\xff\xfe\"}]}";
  static const char nul_inside[] = "{\"count\":1,\"numbers\":[{\"msisdn\":\"44\0\"}]}";
  g_autoptr(GString) deep = g_string_new ("{\"numbers\":");
  g_autoptr(GString) very_deep = g_string_new ("{\"numbers\":");

  assert_malformed ("", 0);
  assert_malformed ("   ", 3);
  assert_malformed ("[]", 2);
  assert_malformed ("[{\"msisdn\":\"447700900000\"}]", 27);
  assert_malformed ("null", 4);
  assert_malformed ("\"numbers\"", 9);
  assert_malformed ("4477", 4);
  assert_malformed ("{\"count\":1,\"numbers\":[{\"country\":\"GB\",\"msisdn\":\"4477009", 51);
  assert_malformed ("{\"count\":1,\"numbers\":[", 22);
  assert_malformed (not_utf8, sizeof not_utf8 - 1);
  assert_malformed (nul_inside, sizeof nul_inside - 1);
  assert_malformed ("{\"numbers\":{\"msisdn\":\"447700900000\"}}", 37);
  assert_malformed ("{\"numbers\":\"none\"}", 18);
  /* Two values in a row (json-glib would take the last and leak the first) */
  assert_malformed ("{}{}", 4);
  assert_malformed ("{\"count\":1} {\"count\":2}", 23);
  assert_malformed ("{} x", 4);
  /* Not JSON even if json-glib's scanner would skip it */
  assert_malformed ("{/* } */}", 9);
  assert_malformed ("{'count':1}", 11);
  assert_malformed ("<html><body>502 Bad Gateway</body></html>", 41);
  assert_malformed ("}", 1);

  /* Deep nesting is refused before json-glib recurses into it. */
  for (guint i = 0; i < 100; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 100; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');
  assert_malformed (deep->str, deep->len);

  for (guint i = 0; i < 1000000; i++)
    g_string_append_c (very_deep, '[');
  assert_malformed (very_deep->str, very_deep->len);
}

static void
test_truncated_everywhere (void)
{
  gsize length = strlen (owned_full);

  /* Every prefix of a real page is refused cleanly (or, for the empty one, as empty). */
  for (gsize cut = 0; cut < length; cut++)
    assert_malformed (owned_full, cut);
}

static void
test_without_msisdn (void)
{
  g_autoptr(GPtrArray) numbers = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DialNumber) lonely = NULL;
  g_autoptr(JsonNode) node = NULL;
  guint count = 0;

  /* Elements that are not numbers are skipped; the rest of the page is kept. */
  numbers = parse_ok ("{\"count\":6,\"numbers\":[{\"country\":\"GB\"},{\"msisdn\":\"\"},7,null,"
                      "{\"msisdn\":447700900002},{\"msisdn\":\"447700900003\"}]}", &count);
  g_assert_cmpuint (numbers->len, ==, 1);
  g_assert_cmpuint (count, ==, 6);
  g_assert_cmpstr (dial_number_get_msisdn (g_ptr_array_index (numbers, 0)), ==, "447700900003");

  node = json_from_string ("{\"country\":\"GB\"}", NULL);
  lonely = dial_number_new_from_json (node, &error);
  g_assert_null (lonely);
  g_assert_error (error, DIAL_ERROR, DIAL_ERROR_MALFORMED);
  g_clear_error (&error);
  g_clear_pointer (&node, json_node_unref);

  node = json_from_string ("[1,2]", NULL);
  lonely = dial_number_new_from_json (node, &error);
  g_assert_null (lonely);
  g_assert_error (error, DIAL_ERROR, DIAL_ERROR_MALFORMED);
}

static void
test_unknown_enums (void)
{
  g_autoptr(GPtrArray) numbers = NULL;
  DialNumber *number;

  numbers = parse_ok ("{\"numbers\":[{\"country\":\"DE\",\"msisdn\":\"4915700000001\","
                      "\"type\":\"satellite\",\"features\":[\"SMS\",\"FAX\",\"VOICE\",\"MMS\",\"RCS\"],"
                      "\"voiceCallbackType\":\"vxml\",\"voiceCallbackValue\":\"https://example.com/vxml\","
                      "\"messagesCallbackType\":\"bot\","
                      "\"limitations\":[{\"feature\":\"RCS\",\"type\":\"BOTH\",\"reach\":\"GALACTIC\"}]}]}",
                      NULL);
  number = g_ptr_array_index (numbers, 0);
  g_assert_cmpint (dial_number_get_number_type (number), ==, DIAL_NUMBER_TYPE_UNKNOWN);
  g_assert_cmpstr (dial_number_get_type_string (number), ==, "satellite");
  g_assert_cmpint (dial_number_get_features (number), ==,
                   DIAL_FEATURE_SMS | DIAL_FEATURE_VOICE | DIAL_FEATURE_MMS);
  g_assert_cmpstrv (dial_number_get_feature_strings (number),
                    ((const char * const[]) { "SMS", "FAX", "VOICE", "MMS", "RCS", NULL }));
  g_assert_cmpint (dial_number_get_voice_callback_type (number), ==, DIAL_VOICE_CALLBACK_UNKNOWN);
  g_assert_cmpstr (dial_number_get_voice_callback_type_string (number), ==, "vxml");
  g_assert_cmpstr (dial_number_get_voice_callback_value (number), ==, "https://example.com/vxml");
  g_assert_cmpstr (dial_number_get_messages_callback_type (number), ==, "bot");
  g_assert_cmpuint (dial_number_get_n_limitations (number), ==, 1);
  g_assert_cmpstr (dial_number_get_limitation (number, 0)->feature, ==, "RCS");
  g_assert_cmpstr (dial_number_get_limitation (number, 0)->type, ==, "BOTH");
  g_assert_cmpstr (dial_number_get_limitation (number, 0)->reach, ==, "GALACTIC");
}

static void
test_wrong_types (void)
{
  g_autoptr(GPtrArray) numbers = NULL;
  DialNumber *number;

  /* Members of the wrong type are treated as missing; the number is still there. */
  numbers = parse_ok ("{\"numbers\":[{\"country\":7,\"msisdn\":\"447700900000\",\"type\":[\"x\"],"
                      "\"features\":\"SMS\",\"cost\":1.25,\"initialPrice\":null,\"moHttpUrl\":null,"
                      "\"voiceCallbackType\":{},\"voiceCallbackValue\":false,\"app_id\":true,"
                      "\"messagesCallbackType\":[],\"limitations\":{\"feature\":\"SMS\"},"
                      "\"unknownMember\":{\"nested\":[1,2,3]}}]}", NULL);
  g_assert_cmpuint (numbers->len, ==, 1);
  number = g_ptr_array_index (numbers, 0);
  g_assert_cmpstr (dial_number_get_msisdn (number), ==, "447700900000");
  g_assert_null (dial_number_get_country (number));
  g_assert_cmpint (dial_number_get_number_type (number), ==, DIAL_NUMBER_TYPE_UNKNOWN);
  g_assert_null (dial_number_get_type_string (number));
  g_assert_cmpint (dial_number_get_features (number), ==, DIAL_FEATURE_NONE);
  g_assert_nonnull (dial_number_get_feature_strings (number));
  g_assert_null (dial_number_get_feature_strings (number)[0]);
  g_assert_null (dial_number_get_cost (number));
  g_assert_null (dial_number_get_initial_price (number));
  g_assert_null (dial_number_get_mo_http_url (number));
  g_assert_cmpint (dial_number_get_voice_callback_type (number), ==, DIAL_VOICE_CALLBACK_NONE);
  g_assert_null (dial_number_get_voice_callback_value (number));
  g_assert_null (dial_number_get_app_id (number));
  g_assert_null (dial_number_get_messages_callback_type (number));
  g_assert_cmpuint (dial_number_get_n_limitations (number), ==, 0);

  /* Within arrays, items of the wrong type are skipped. */
  g_clear_pointer (&numbers, g_ptr_array_unref);
  numbers = parse_ok ("{\"numbers\":[{\"msisdn\":\"447700900000\",\"features\":[1,\"SMS\",null,\"\",\"VOICE\"],"
                      "\"limitations\":[1,{\"feature\":2,\"type\":\"INBOUND\"},null]}]}", NULL);
  number = g_ptr_array_index (numbers, 0);
  g_assert_cmpint (dial_number_get_features (number), ==, DIAL_FEATURE_SMS | DIAL_FEATURE_VOICE);
  g_assert_cmpstrv (dial_number_get_feature_strings (number),
                    ((const char * const[]) { "SMS", "VOICE", NULL }));
  g_assert_cmpuint (dial_number_get_n_limitations (number), ==, 1);
  g_assert_null (dial_number_get_limitation (number, 0)->feature);
  g_assert_cmpstr (dial_number_get_limitation (number, 0)->type, ==, "INBOUND");
  g_assert_null (dial_number_get_limitation (number, 0)->reach);

  /* Empty strings count as absent. */
  g_clear_pointer (&numbers, g_ptr_array_unref);
  numbers = parse_ok ("{\"numbers\":[{\"msisdn\":\"447700900000\",\"moHttpUrl\":\"\",\"country\":\"\"}]}",
                      NULL);
  number = g_ptr_array_index (numbers, 0);
  g_assert_null (dial_number_get_mo_http_url (number));
  g_assert_null (dial_number_get_country (number));
}

static void
test_shared_strings (void)
{
  g_autoptr(GPtrArray) numbers = NULL;
  DialNumber *a;
  DialNumber *b;
  DialNumber *c;

  numbers = parse_ok ("{\"numbers\":["
                      "{\"country\":\"GB\",\"msisdn\":\"447700900001\",\"type\":\"mobile-lvn\",\"features\":[\"VOICE\",\"SMS\"],"
                      "\"limitations\":[{\"feature\":\"SMS\",\"type\":\"OUTBOUND\",\"reach\":\"INTERNATIONAL\"}]},"
                      "{\"country\":\"GB\",\"msisdn\":\"447700900002\",\"type\":\"mobile-lvn\",\"features\":[\"VOICE\",\"SMS\"],"
                      "\"limitations\":[{\"feature\":\"SMS\",\"type\":\"OUTBOUND\",\"reach\":\"INTERNATIONAL\"}]},"
                      "{\"country\":\"GB\",\"msisdn\":\"447700900003\",\"features\":[\"SMS\",\"VOICE\"]}]}",
                      NULL);
  a = g_ptr_array_index (numbers, 0);
  b = g_ptr_array_index (numbers, 1);
  c = g_ptr_array_index (numbers, 2);

  /* Repeated values are one copy for all numbers, not one per number. */
  g_assert_true (dial_number_get_country (a) == dial_number_get_country (b));
  g_assert_true (dial_number_get_type_string (a) == dial_number_get_type_string (b));
  g_assert_true (dial_number_get_feature_strings (a) == dial_number_get_feature_strings (b));
  g_assert_true (dial_number_get_limitation (a, 0) == dial_number_get_limitation (b, 0));
  /* The order as sent is kept, so a different order is a different array. */
  g_assert_false (dial_number_get_feature_strings (a) == dial_number_get_feature_strings (c));
  g_assert_cmpint (dial_number_get_features (a), ==, dial_number_get_features (c));
}

static void
test_large_page (void)
{
  g_autoptr(GString) json = g_string_new ("{\"count\":250,\"numbers\":[");
  g_autoptr(GPtrArray) numbers = NULL;
  guint count = 0;

  for (guint i = 0; i < 100; i++)
    g_string_append_printf (json, "%s{\"country\":\"GB\",\"msisdn\":\"4477009%05u\",\"type\":\"mobile-lvn\","
                            "\"features\":[\"VOICE\",\"SMS\"],\"moHttpUrl\":\"https://example.com/mo/%u\"}",
                            i == 0 ? "" : ",", i, i);
  g_string_append (json, "]}");

  numbers = parse_ok (json->str, &count);
  g_assert_cmpuint (count, ==, 250);
  g_assert_cmpuint (numbers->len, ==, 100);
  for (guint i = 0; i < numbers->len; i++)
    {
      g_autofree char *msisdn = g_strdup_printf ("4477009%05u", i);
      g_autofree char *url = g_strdup_printf ("https://example.com/mo/%u", i);

      g_assert_cmpstr (dial_number_get_msisdn (g_ptr_array_index (numbers, i)), ==, msisdn);
      g_assert_cmpstr (dial_number_get_mo_http_url (g_ptr_array_index (numbers, i)), ==, url);
    }
}

static void
test_new (void)
{
  g_autoptr(DialNumber) number = dial_number_new ("GB", "447700900123");

  g_assert_cmpstr (dial_number_get_country (number), ==, "GB");
  g_assert_cmpstr (dial_number_get_msisdn (number), ==, "447700900123");
  g_assert_null (dial_number_get_cost (number));
  g_assert_null (dial_number_get_feature_strings (number)[0]);
  g_assert_finalize_object (g_steal_pointer (&number));
}

static void
test_json_parse_object (void)
{
  static const char *good[] = {
    "{\"error-code\":\"420\",\"error-code-label\":\"method failed\"}",
    "{ \"value\": 10.17127500, \"autoReload\": false }",
    "{\"country\":\"Is required.\"}",
    "\n {\"type\":\"https://developer.vonage.com/api-errors#throttled\",\"title\":\"Rate Limit Hit\"}\r\n",
  };
  static const char *bad[] = {
    "", "[]", "null", "42", "\"text\"", "{}{}", "{} []", "{\"a\":1", "{\"a\":1}}",
    "{/**/}", "<html>502</html>", "{'a':1}", "{\"a\":tru}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = dial_json_parse_object (good[i], strlen (good[i]), &error);

      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = dial_json_parse_object (bad[i], strlen (bad[i]), &error);

      g_test_message ("refusing %s", bad[i]);
      g_assert_null (root);
      g_assert_error (error, DIAL_ERROR, DIAL_ERROR_MALFORMED);
    }

  /* Not NUL-terminated: only @length bytes are read. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) root = dial_json_parse_object ("{\"a\":1}garbage", 7, &error);

    g_assert_no_error (error);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "a"), ==, 1);
  }
}

/* DialNumberConfig */

static DialNumber *
owned_full_number (void)
{
  g_autoptr(GPtrArray) numbers = parse_ok (owned_full, NULL);

  return g_object_ref (g_ptr_array_index (numbers, 0));
}

static void
test_config_to_form_complete (void)
{
  g_autoptr(DialNumber) number = owned_full_number ();
  g_autoptr(DialNumberConfig) config = dial_number_config_new_from_number (number);
  g_autoptr(GHashTable) form = dial_number_config_to_form (config);

  /* Everything the number has goes back, so an update changes only what the user changed. */
  g_assert_cmpuint (g_hash_table_size (form), ==, 10);
  g_assert_cmpstr (g_hash_table_lookup (form, "country"), ==, "GB");
  g_assert_cmpstr (g_hash_table_lookup (form, "msisdn"), ==, "447700900001");
  g_assert_cmpstr (g_hash_table_lookup (form, "moHttpUrl"), ==, "https://example.com/webhooks/inbound-sms");
  g_assert_cmpstr (g_hash_table_lookup (form, "moSmppSysType"), ==, "inbound");
  g_assert_cmpstr (g_hash_table_lookup (form, "voiceCallbackType"), ==, "sip");
  g_assert_cmpstr (g_hash_table_lookup (form, "voiceCallbackValue"), ==, "sip:support@example.com");
  g_assert_cmpstr (g_hash_table_lookup (form, "voiceStatusCallback"), ==, "https://example.com/webhooks/status");
  g_assert_cmpstr (g_hash_table_lookup (form, "messagesCallbackType"), ==, "app");
  g_assert_cmpstr (g_hash_table_lookup (form, "messagesCallbackValue"), ==, "aaaaaaaa-cccc-bbbb-dddd-0123456789ac");
  g_assert_cmpstr (g_hash_table_lookup (form, "app_id"), ==, "aaaaaaaa-bbbb-cccc-dddd-0123456789ab");

  g_assert_true (dial_number_config_validate (config, NULL));
}

static void
test_config_to_form_clearing (void)
{
  g_autoptr(DialNumber) number = owned_full_number ();
  g_autoptr(DialNumberConfig) config = dial_number_config_new_from_number (number);
  g_autoptr(GHashTable) form = NULL;

  dial_number_config_set_mo_http_url (config, "");
  dial_number_config_set_voice_callback (config, DIAL_VOICE_CALLBACK_NONE, "ignored");
  dial_number_config_set_voice_status_callback (config, NULL);
  dial_number_config_set_app_id (config, NULL);
  dial_number_config_set_mo_smpp_sys_type (config, "");

  g_assert_null (dial_number_config_get_mo_http_url (config));
  g_assert_cmpint (dial_number_config_get_voice_callback_type (config), ==, DIAL_VOICE_CALLBACK_NONE);
  g_assert_null (dial_number_config_get_voice_callback_value (config));

  form = dial_number_config_to_form (config);
  /* moHttpUrl is cleared by sending it empty; the others by leaving them out. */
  g_assert_cmpstr (g_hash_table_lookup (form, "moHttpUrl"), ==, "");
  g_assert_false (g_hash_table_contains (form, "voiceCallbackType"));
  g_assert_false (g_hash_table_contains (form, "voiceCallbackValue"));
  g_assert_false (g_hash_table_contains (form, "voiceStatusCallback"));
  g_assert_false (g_hash_table_contains (form, "app_id"));
  g_assert_false (g_hash_table_contains (form, "moSmppSysType"));
  /* The deprecated pair stays as the number had it. */
  g_assert_cmpstr (g_hash_table_lookup (form, "messagesCallbackType"), ==, "app");
  g_assert_cmpstr (g_hash_table_lookup (form, "messagesCallbackValue"), ==, "aaaaaaaa-cccc-bbbb-dddd-0123456789ac");
  g_assert_cmpstr (g_hash_table_lookup (form, "country"), ==, "GB");
  g_assert_cmpstr (g_hash_table_lookup (form, "msisdn"), ==, "447700900001");
  g_assert_cmpuint (g_hash_table_size (form), ==, 5);
}

static void
test_config_minimal (void)
{
  g_autoptr(DialNumber) number = dial_number_new ("GB", "447700900123");
  g_autoptr(DialNumberConfig) config = dial_number_config_new_from_number (number);
  g_autoptr(DialNumberConfig) copy = NULL;
  g_autoptr(GHashTable) form = NULL;

  dial_number_config_set_voice_callback (config, DIAL_VOICE_CALLBACK_TEL, "447700900999");
  copy = dial_number_config_copy (config);
  dial_number_config_set_voice_callback (config, DIAL_VOICE_CALLBACK_NONE, NULL);

  /* The copy is independent. */
  g_assert_cmpint (dial_number_config_get_voice_callback_type (copy), ==, DIAL_VOICE_CALLBACK_TEL);
  g_assert_cmpstr (dial_number_config_get_voice_callback_value (copy), ==, "447700900999");
  g_assert_cmpstr (dial_number_config_get_country (copy), ==, "GB");
  g_assert_cmpstr (dial_number_config_get_msisdn (copy), ==, "447700900123");

  form = dial_number_config_to_form (copy);
  g_assert_cmpuint (g_hash_table_size (form), ==, 5);
  g_assert_cmpstr (g_hash_table_lookup (form, "moHttpUrl"), ==, "");
  g_assert_cmpstr (g_hash_table_lookup (form, "voiceCallbackType"), ==, "tel");
  g_assert_cmpstr (g_hash_table_lookup (form, "voiceCallbackValue"), ==, "447700900999");
}

static void
test_config_unknown_type_kept (void)
{
  g_autoptr(GPtrArray) numbers = parse_ok ("{\"numbers\":[{\"country\":\"DE\",\"msisdn\":\"4915700000001\","
                                           "\"voiceCallbackType\":\"vxml\",\"voiceCallbackValue\":\"x1\"}]}", NULL);
  g_autoptr(DialNumberConfig) config = dial_number_config_new_from_number (g_ptr_array_index (numbers, 0));
  g_autoptr(GHashTable) form = dial_number_config_to_form (config);

  /* What Dialtone does not know is sent back as it came. */
  g_assert_cmpstr (g_hash_table_lookup (form, "voiceCallbackType"), ==, "vxml");
  g_assert_cmpstr (g_hash_table_lookup (form, "voiceCallbackValue"), ==, "x1");
  g_assert_true (dial_number_config_validate (config, NULL));
}

static void
test_config_validate (void)
{
  g_autoptr(DialNumber) number = owned_full_number ();
  g_autoptr(DialNumberConfig) config = NULL;
  g_autoptr(GError) error = NULL;

  config = dial_number_config_new_from_number (number);
  dial_number_config_set_mo_http_url (config, "ftp://example.com/x");
  g_assert_false (dial_number_config_validate (config, &error));
  g_assert_error (error, DIAL_ERROR, DIAL_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "SMS"));
  g_clear_error (&error);
  dial_number_config_set_mo_http_url (config, "https://example.com/sms");
  g_assert_true (dial_number_config_validate (config, &error));
  g_assert_no_error (error);

  dial_number_config_set_voice_callback (config, DIAL_VOICE_CALLBACK_SIP, "support@example.com");
  g_assert_false (dial_number_config_validate (config, &error));
  g_assert_error (error, DIAL_ERROR, DIAL_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "SIP"));
  g_clear_error (&error);

  dial_number_config_set_voice_callback (config, DIAL_VOICE_CALLBACK_TEL, "07700 900123");
  g_assert_false (dial_number_config_validate (config, &error));
  g_assert_error (error, DIAL_ERROR, DIAL_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  dial_number_config_set_voice_callback (config, DIAL_VOICE_CALLBACK_APP, "not-a-uuid");
  g_assert_false (dial_number_config_validate (config, &error));
  g_assert_error (error, DIAL_ERROR, DIAL_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* A type without a value is incomplete. */
  dial_number_config_set_voice_callback (config, DIAL_VOICE_CALLBACK_TEL, NULL);
  g_assert_false (dial_number_config_validate (config, &error));
  g_assert_error (error, DIAL_ERROR, DIAL_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  dial_number_config_set_voice_callback (config, DIAL_VOICE_CALLBACK_TEL, "+44 7700 900123");
  g_assert_true (dial_number_config_validate (config, NULL));

  dial_number_config_set_voice_status_callback (config, "https://exa mple.com/");
  g_assert_false (dial_number_config_validate (config, &error));
  g_assert_error (error, DIAL_ERROR, DIAL_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  dial_number_config_set_voice_status_callback (config, NULL);

  dial_number_config_set_app_id (config, "aaaaaaaa-bbbb-cccc-dddd-0123456789abc");
  g_assert_false (dial_number_config_validate (config, &error));
  g_assert_error (error, DIAL_ERROR, DIAL_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  dial_number_config_set_app_id (config, "AAAAAAAA-bbbb-cccc-dddd-0123456789ab");
  g_assert_true (dial_number_config_validate (config, NULL));
}

static void
test_config_validate_number_itself (void)
{
  g_autoptr(GPtrArray) numbers = parse_ok ("{\"numbers\":[{\"country\":\"XX\",\"msisdn\":\"447700900000\"},"
                                           "{\"country\":\"GB\",\"msisdn\":\"12\"}]}", NULL);
  g_autoptr(DialNumberConfig) bad_country = dial_number_config_new_from_number (g_ptr_array_index (numbers, 0));
  g_autoptr(DialNumberConfig) bad_msisdn = dial_number_config_new_from_number (g_ptr_array_index (numbers, 1));
  g_autoptr(GError) error = NULL;

  g_assert_false (dial_number_config_validate (bad_country, &error));
  g_assert_error (error, DIAL_ERROR, DIAL_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (dial_number_config_validate (bad_msisdn, &error));
  g_assert_error (error, DIAL_ERROR, DIAL_ERROR_INVALID_INPUT);
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           GPtrArray  *names)
{
  g_ptr_array_add (names, g_strdup (pspec->name));
}

static gboolean
names_contain (GPtrArray  *names,
               const char *name)
{
  return g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL);
}

static void
test_apply_config (void)
{
  g_autoptr(DialNumber) number = owned_full_number ();
  g_autoptr(DialNumberConfig) config = dial_number_config_new_from_number (number);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *cost_before = dial_number_get_cost (number);

  g_signal_connect (number, "notify", G_CALLBACK (on_notify), names);

  /* Unchanged: nothing is notified. */
  dial_number_apply_config (number, config);
  g_assert_cmpuint (names->len, ==, 0);

  dial_number_config_set_mo_http_url (config, "https://example.com/new-sms");
  dial_number_config_set_voice_callback (config, DIAL_VOICE_CALLBACK_TEL, "447700900999");
  dial_number_config_set_app_id (config, NULL);
  dial_number_apply_config (number, config);

  g_assert_cmpstr (dial_number_get_mo_http_url (number), ==, "https://example.com/new-sms");
  g_assert_cmpint (dial_number_get_voice_callback_type (number), ==, DIAL_VOICE_CALLBACK_TEL);
  g_assert_cmpstr (dial_number_get_voice_callback_type_string (number), ==, "tel");
  g_assert_cmpstr (dial_number_get_voice_callback_value (number), ==, "447700900999");
  g_assert_null (dial_number_get_app_id (number));
  /* What is not configuration stays. */
  g_assert_cmpstr (dial_number_get_msisdn (number), ==, "447700900001");
  g_assert_cmpstr (dial_number_get_country (number), ==, "GB");
  g_assert_cmpstr (dial_number_get_mo_smpp_sys_type (number), ==, "inbound");
  g_assert_cmpstr (dial_number_get_voice_status_callback (number), ==, "https://example.com/webhooks/status");
  g_assert_cmpstr (dial_number_get_messages_callback_value (number), ==, "aaaaaaaa-cccc-bbbb-dddd-0123456789ac");
  g_assert_cmpint (dial_number_get_features (number), ==, DIAL_FEATURE_SMS | DIAL_FEATURE_VOICE | DIAL_FEATURE_MMS);
  g_assert_cmpuint (dial_number_get_n_limitations (number), ==, 1);
  g_assert_null (cost_before);

  g_assert_cmpuint (names->len, ==, 5);
  g_assert_true (names_contain (names, "mo-http-url"));
  g_assert_true (names_contain (names, "voice-callback-type"));
  g_assert_true (names_contain (names, "voice-callback-type-string"));
  g_assert_true (names_contain (names, "voice-callback-value"));
  g_assert_true (names_contain (names, "app-id"));

  /* Applying the same again changes nothing. */
  g_ptr_array_set_size (names, 0);
  dial_number_apply_config (number, config);
  g_assert_cmpuint (names->len, ==, 0);

  /* A new config from the updated number sends what it now has. */
  {
    g_autoptr(DialNumberConfig) again = dial_number_config_new_from_number (number);
    g_autoptr(GHashTable) form = dial_number_config_to_form (again);

    g_assert_cmpstr (g_hash_table_lookup (form, "moHttpUrl"), ==, "https://example.com/new-sms");
    g_assert_cmpstr (g_hash_table_lookup (form, "voiceCallbackType"), ==, "tel");
    g_assert_false (g_hash_table_contains (form, "app_id"));
  }

  g_signal_handlers_disconnect_by_func (number, on_notify, names);
  g_assert_finalize_object (g_steal_pointer (&number));
}

static void
test_config_boxed (void)
{
  g_autoptr(DialNumber) number = owned_full_number ();
  g_autoptr(DialNumberConfig) config = dial_number_config_new_from_number (number);
  g_auto(GValue) value = G_VALUE_INIT;

  g_assert_true (G_TYPE_IS_BOXED (DIAL_TYPE_NUMBER_CONFIG));
  g_value_init (&value, DIAL_TYPE_NUMBER_CONFIG);
  g_value_set_boxed (&value, config);
  g_assert_true (g_value_get_boxed (&value) != config);
  g_assert_cmpstr (dial_number_config_get_msisdn (g_value_get_boxed (&value)), ==, "447700900001");
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/number/official-list", test_official_list);
  g_test_add_func ("/number/official-search", test_official_search);
  g_test_add_func ("/number/every-field", test_every_field);
  g_test_add_func ("/number/properties", test_properties);
  g_test_add_func ("/number/empty-pages", test_empty_pages);
  g_test_add_func ("/number/absurd-counts", test_absurd_counts);
  g_test_add_func ("/number/malformed", test_malformed);
  g_test_add_func ("/number/truncated-everywhere", test_truncated_everywhere);
  g_test_add_func ("/number/without-msisdn", test_without_msisdn);
  g_test_add_func ("/number/unknown-enums", test_unknown_enums);
  g_test_add_func ("/number/wrong-types", test_wrong_types);
  g_test_add_func ("/number/shared-strings", test_shared_strings);
  g_test_add_func ("/number/large-page", test_large_page);
  g_test_add_func ("/number/new", test_new);
  g_test_add_func ("/number/json-parse-object", test_json_parse_object);
  g_test_add_func ("/number/config/to-form-complete", test_config_to_form_complete);
  g_test_add_func ("/number/config/to-form-clearing", test_config_to_form_clearing);
  g_test_add_func ("/number/config/minimal", test_config_minimal);
  g_test_add_func ("/number/config/unknown-type-kept", test_config_unknown_type_kept);
  g_test_add_func ("/number/config/validate", test_config_validate);
  g_test_add_func ("/number/config/validate-number-itself", test_config_validate_number_itself);
  g_test_add_func ("/number/config/boxed", test_config_boxed);
  g_test_add_func ("/number/apply-config", test_apply_config);

  return g_test_run ();
}

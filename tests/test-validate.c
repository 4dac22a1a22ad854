/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-validate"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "dial-error.h"
#include "dial-validate.h"

typedef gboolean (*NormalizingValidator) (const char *text, char **out_normalized, GError **error);
typedef gboolean (*Validator) (const char *text, GError **error);

/* Refused with DIAL_ERROR_INVALID_INPUT (or @code) and a message a person can act on. */
static void
assert_refused_message (GError     *error,
                        const char *text)
{
  g_assert_nonnull (error);
  g_assert_true (error->domain == DIAL_ERROR);
  g_assert_cmpuint (strlen (error->message), >, 15);
  /* Never the input echoed back bare, never a developer's word */
  g_assert_cmpstr (error->message, !=, text);
  g_assert_null (strstr (error->message, "(null)"));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

static void
check_normalizing (NormalizingValidator  validate,
                   const char           *text,
                   const char           *expected)
{
  static char sentinel[] = "untouched";
  g_autoptr(GError) error = NULL;
  char *normalized = sentinel;
  gboolean ok;

  g_test_message ("validating “%s”", text != NULL ? text : "(NULL)");
  ok = validate (text, &normalized, &error);
  if (expected != NULL)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_cmpstr (normalized, ==, expected);
      g_free (normalized);
      /* Works without asking for the normalized value too */
      g_assert_true (validate (text, NULL, NULL));
    }
  else
    {
      g_assert_false (ok);
      g_assert_error (error, DIAL_ERROR, DIAL_ERROR_INVALID_INPUT);
      assert_refused_message (error, text);
      g_assert_null (normalized);
      g_assert_false (validate (text, NULL, NULL));
    }
}

static void
check (Validator   validate,
       const char *text,
       gboolean    good,
       int         code)
{
  g_autoptr(GError) error = NULL;

  g_test_message ("validating “%s”", text != NULL ? text : "(NULL)");
  if (good)
    {
      g_assert_true (validate (text, &error));
      g_assert_no_error (error);
    }
  else
    {
      g_assert_false (validate (text, &error));
      g_assert_error (error, DIAL_ERROR, code);
      assert_refused_message (error, text);
    }
}

static void
test_msisdn (void)
{
  check_normalizing (dial_validate_msisdn, "447700900123", "447700900123");
  check_normalizing (dial_validate_msisdn, "+44 7700 900123", "447700900123");
  check_normalizing (dial_validate_msisdn, "+44 (0)7700-900.123", "4407700900123");
  check_normalizing (dial_validate_msisdn, "+1 (202) 555-0123", "12025550123");
  check_normalizing (dial_validate_msisdn, " +49 157 0000 0001 ", "4915700000001");
  check_normalizing (dial_validate_msisdn, "+44\u00a07700\u202f900123", "447700900123");
  check_normalizing (dial_validate_msisdn, "1234567", "1234567");
  check_normalizing (dial_validate_msisdn, "123456789012345", "123456789012345");

  check_normalizing (dial_validate_msisdn, NULL, NULL);
  check_normalizing (dial_validate_msisdn, "", NULL);
  check_normalizing (dial_validate_msisdn, "   ", NULL);
  check_normalizing (dial_validate_msisdn, "+", NULL);
  check_normalizing (dial_validate_msisdn, "07700 900123", NULL);      /* national, no country code */
  check_normalizing (dial_validate_msisdn, "0044 7700 900123", NULL);  /* 00 prefix */
  check_normalizing (dial_validate_msisdn, "123456", NULL);            /* 6 digits */
  check_normalizing (dial_validate_msisdn, "1234567890123456", NULL);  /* 16 digits */
  check_normalizing (dial_validate_msisdn, "+44 7700 CALL ME", NULL);
  check_normalizing (dial_validate_msisdn, "44+7700900123", NULL);
  check_normalizing (dial_validate_msisdn, "++447700900123", NULL);
  check_normalizing (dial_validate_msisdn, "447700900123;ext=1", NULL);
  check_normalizing (dial_validate_msisdn, "４４７７００９００１２３", NULL);  /* full-width digits */
  check_normalizing (dial_validate_msisdn, "44\xff" "7700900123", NULL);
}

static void
test_msisdn_messages_differ (void)
{
  g_autoptr(GError) national = NULL;
  g_autoptr(GError) short_number = NULL;
  g_autoptr(GError) letters = NULL;

  /* Each mistake gets its own explanation. */
  g_assert_false (dial_validate_msisdn ("07700900123", NULL, &national));
  g_assert_false (dial_validate_msisdn ("4412", NULL, &short_number));
  g_assert_false (dial_validate_msisdn ("44abc", NULL, &letters));
  g_assert_cmpstr (national->message, !=, short_number->message);
  g_assert_cmpstr (national->message, !=, letters->message);
  g_assert_cmpstr (short_number->message, !=, letters->message);
  g_assert_nonnull (strstr (national->message, "country code"));
}

static void
test_country (void)
{
  check_normalizing (dial_validate_country, "GB", "GB");
  check_normalizing (dial_validate_country, "gb", "GB");
  check_normalizing (dial_validate_country, "De", "DE");
  check_normalizing (dial_validate_country, "US", "US");

  check_normalizing (dial_validate_country, NULL, NULL);
  check_normalizing (dial_validate_country, "", NULL);
  check_normalizing (dial_validate_country, "XX", NULL);
  check_normalizing (dial_validate_country, "UK", NULL);   /* not ISO: GB is */
  check_normalizing (dial_validate_country, "GBR", NULL);
  check_normalizing (dial_validate_country, "G", NULL);
  check_normalizing (dial_validate_country, "G1", NULL);
  check_normalizing (dial_validate_country, "Germany", NULL);
  check_normalizing (dial_validate_country, "Ü", NULL);
}

static void
test_webhook_url (void)
{
  check (dial_validate_webhook_url, "https://example.com/webhooks/inbound-sms", TRUE, 0);
  check (dial_validate_webhook_url, "http://example.com", TRUE, 0);
  check (dial_validate_webhook_url, "HTTPS://EXAMPLE.COM/x?y=1&z=%20#frag", TRUE, 0);
  check (dial_validate_webhook_url, "https://user:pw@hooks.example.com:8443/a/b", TRUE, 0);
  check (dial_validate_webhook_url, "https://[2001:db8::1]/sms", TRUE, 0);
  check (dial_validate_webhook_url, "https://bücher.example/sms", TRUE, 0);

  check (dial_validate_webhook_url, NULL, FALSE, DIAL_ERROR_INVALID_INPUT);
  check (dial_validate_webhook_url, "", FALSE, DIAL_ERROR_INVALID_INPUT);
  check (dial_validate_webhook_url, "example.com/sms", FALSE, DIAL_ERROR_INVALID_INPUT);
  check (dial_validate_webhook_url, "/webhooks/sms", FALSE, DIAL_ERROR_INVALID_INPUT);
  check (dial_validate_webhook_url, "ftp://example.com/sms", FALSE, DIAL_ERROR_INVALID_INPUT);
  check (dial_validate_webhook_url, "javascript:alert(1)", FALSE, DIAL_ERROR_INVALID_INPUT);
  check (dial_validate_webhook_url, "https://", FALSE, DIAL_ERROR_INVALID_INPUT);
  check (dial_validate_webhook_url, "https:///path", FALSE, DIAL_ERROR_INVALID_INPUT);
  check (dial_validate_webhook_url, "https://exa mple.com/", FALSE, DIAL_ERROR_INVALID_INPUT);
  check (dial_validate_webhook_url, " https://example.com/", FALSE, DIAL_ERROR_INVALID_INPUT);
  check (dial_validate_webhook_url, "https://example.com/\n", FALSE, DIAL_ERROR_INVALID_INPUT);
  check (dial_validate_webhook_url, "https://example.com/\t", FALSE, DIAL_ERROR_INVALID_INPUT);
  check (dial_validate_webhook_url, "https://example.com/\x7f", FALSE, DIAL_ERROR_INVALID_INPUT);
  check (dial_validate_webhook_url, "https://example.com/\u200b", FALSE, DIAL_ERROR_INVALID_INPUT);
  check (dial_validate_webhook_url, "https://example.com/\xff", FALSE, DIAL_ERROR_INVALID_INPUT);
  check (dial_validate_webhook_url, "https://example.com:99999999/", FALSE, DIAL_ERROR_INVALID_INPUT);
}

static void
test_sip_uri (void)
{
  check (dial_validate_sip_uri, "sip:support@example.com", TRUE, 0);
  check (dial_validate_sip_uri, "sips:support@example.com", TRUE, 0);
  check (dial_validate_sip_uri, "SIP:alice@pbx.example.com:5060", TRUE, 0);
  check (dial_validate_sip_uri, "sip:example.com", TRUE, 0);
  check (dial_validate_sip_uri, "sip:+447700900123@sip.example.com;transport=tls", TRUE, 0);
  check (dial_validate_sip_uri, "sip:alice@192.0.2.4", TRUE, 0);
  check (dial_validate_sip_uri, "sip:alice@[2001:db8::10]:5061", TRUE, 0);
  check (dial_validate_sip_uri, "sip:alice@example.com?subject=hello", TRUE, 0);

  check (dial_validate_sip_uri, NULL, FALSE, DIAL_ERROR_INVALID_INPUT);
  check (dial_validate_sip_uri, "", FALSE, DIAL_ERROR_INVALID_INPUT);
  check (dial_validate_sip_uri, "support@example.com", FALSE, DIAL_ERROR_INVALID_INPUT);
  check (dial_validate_sip_uri, "https://example.com", FALSE, DIAL_ERROR_INVALID_INPUT);
  check (dial_validate_sip_uri, "sip:", FALSE, DIAL_ERROR_INVALID_INPUT);
  check (dial_validate_sip_uri, "sip:@example.com", FALSE, DIAL_ERROR_INVALID_INPUT);
  check (dial_validate_sip_uri, "sip:alice@", FALSE, DIAL_ERROR_INVALID_INPUT);
  check (dial_validate_sip_uri, "sip:alice@exa mple.com", FALSE, DIAL_ERROR_INVALID_INPUT);
  check (dial_validate_sip_uri, "sip:alice@example.com:", FALSE, DIAL_ERROR_INVALID_INPUT);
  check (dial_validate_sip_uri, "sip:alice@example.com:50a", FALSE, DIAL_ERROR_INVALID_INPUT);
  check (dial_validate_sip_uri, "sip:alice@exa_mple.com", FALSE, DIAL_ERROR_INVALID_INPUT);
  check (dial_validate_sip_uri, "sip:alice@[not-an-ip]", FALSE, DIAL_ERROR_INVALID_INPUT);
  check (dial_validate_sip_uri, "sip:alice@example.com\r\n", FALSE, DIAL_ERROR_INVALID_INPUT);
}

static void
test_tel (void)
{
  check_normalizing (dial_validate_tel, "447700900123", "447700900123");
  check_normalizing (dial_validate_tel, "+44 7700 900123", "447700900123");
  check_normalizing (dial_validate_tel, "tel:+14155550100", "14155550100");

  check_normalizing (dial_validate_tel, NULL, NULL);
  check_normalizing (dial_validate_tel, "", NULL);
  check_normalizing (dial_validate_tel, "tel:", NULL);
  check_normalizing (dial_validate_tel, "07700 900123", NULL);
  check_normalizing (dial_validate_tel, "sip:alice@example.com", NULL);
}

static void
test_application_id (void)
{
  check_normalizing (dial_validate_application_id, "aaaaaaaa-bbbb-cccc-dddd-0123456789ab",
                     "aaaaaaaa-bbbb-cccc-dddd-0123456789ab");
  check_normalizing (dial_validate_application_id, "AAAAAAAA-BBBB-CCCC-DDDD-0123456789AB",
                     "aaaaaaaa-bbbb-cccc-dddd-0123456789ab");

  check_normalizing (dial_validate_application_id, NULL, NULL);
  check_normalizing (dial_validate_application_id, "", NULL);
  /* numbers.yml's update example has one digit too many */
  check_normalizing (dial_validate_application_id, "aaaaaaaa-bbbb-cccc-dddd-0123456789abc", NULL);
  check_normalizing (dial_validate_application_id, "aaaaaaaa-bbbb-cccc-dddd-0123456789a", NULL);
  check_normalizing (dial_validate_application_id, "aaaaaaaabbbbccccdddd0123456789ab", NULL);
  check_normalizing (dial_validate_application_id, "gaaaaaaa-bbbb-cccc-dddd-0123456789ab", NULL);
  check_normalizing (dial_validate_application_id, "{aaaaaaaa-bbbb-cccc-dddd-0123456789ab}", NULL);
  check_normalizing (dial_validate_application_id, " aaaaaaaa-bbbb-cccc-dddd-0123456789ab", NULL);
  check_normalizing (dial_validate_application_id, "aaaaaaaa-bbbb-cccc-dddd", NULL);
}

static void
test_api_key (void)
{
  check (dial_validate_api_key, "aaa012", TRUE, 0);
  check (dial_validate_api_key, "a1b2c3d4", TRUE, 0);
  check (dial_validate_api_key, "Key_with-punctuation.1", TRUE, 0);

  check (dial_validate_api_key, NULL, FALSE, DIAL_ERROR_INVALID_INPUT);
  check (dial_validate_api_key, "", FALSE, DIAL_ERROR_INVALID_INPUT);
  check (dial_validate_api_key, "aaa 012", FALSE, DIAL_ERROR_INVALID_INPUT);
  check (dial_validate_api_key, "aaa012\n", FALSE, DIAL_ERROR_INVALID_INPUT);
  check (dial_validate_api_key, "ключ", FALSE, DIAL_ERROR_INVALID_INPUT);
  check (dial_validate_api_key,
         "0123456789012345678901234567890123456789012345678901234567890123456789",
         FALSE, DIAL_ERROR_INVALID_INPUT);
}

static void
test_base_url (void)
{
  check (dial_validate_base_url, "https://rest.nexmo.com", TRUE, 0);
  check (dial_validate_base_url, "https://rest.nexmo.com/", TRUE, 0);
  check (dial_validate_base_url, "HTTPS://example.com:8443/api", TRUE, 0);
  /* Plain http only to this computer */
  check (dial_validate_base_url, "http://127.0.0.1:8080", TRUE, 0);
  check (dial_validate_base_url, "http://127.1.2.3/", TRUE, 0);
  check (dial_validate_base_url, "http://localhost:45123/", TRUE, 0);
  check (dial_validate_base_url, "http://LOCALHOST", TRUE, 0);
  check (dial_validate_base_url, "http://[::1]:8080/", TRUE, 0);

  check (dial_validate_base_url, "http://rest.nexmo.com", FALSE, DIAL_ERROR_INSECURE_URL);
  check (dial_validate_base_url, "http://192.168.1.10:8080", FALSE, DIAL_ERROR_INSECURE_URL);
  check (dial_validate_base_url, "http://128.0.0.1", FALSE, DIAL_ERROR_INSECURE_URL);
  check (dial_validate_base_url, "http://localhost.example.com", FALSE, DIAL_ERROR_INSECURE_URL);
  check (dial_validate_base_url, "http://127.0.0.1.example.com", FALSE, DIAL_ERROR_INSECURE_URL);
  check (dial_validate_base_url, "http://[::2]/", FALSE, DIAL_ERROR_INSECURE_URL);

  check (dial_validate_base_url, NULL, FALSE, DIAL_ERROR_INVALID_INPUT);
  check (dial_validate_base_url, "", FALSE, DIAL_ERROR_INVALID_INPUT);
  check (dial_validate_base_url, "rest.nexmo.com", FALSE, DIAL_ERROR_INVALID_INPUT);
  check (dial_validate_base_url, "ftp://rest.nexmo.com", FALSE, DIAL_ERROR_INVALID_INPUT);
  check (dial_validate_base_url, "https://", FALSE, DIAL_ERROR_INVALID_INPUT);
  check (dial_validate_base_url, "https://rest .nexmo.com", FALSE, DIAL_ERROR_INVALID_INPUT);
}

int
main (int argc, char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/validate/msisdn", test_msisdn);
  g_test_add_func ("/validate/msisdn-messages-differ", test_msisdn_messages_differ);
  g_test_add_func ("/validate/country", test_country);
  g_test_add_func ("/validate/webhook-url", test_webhook_url);
  g_test_add_func ("/validate/sip-uri", test_sip_uri);
  g_test_add_func ("/validate/tel", test_tel);
  g_test_add_func ("/validate/application-id", test_application_id);
  g_test_add_func ("/validate/api-key", test_api_key);
  g_test_add_func ("/validate/base-url", test_base_url);

  return g_test_run ();
}

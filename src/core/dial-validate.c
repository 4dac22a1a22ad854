/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-validate"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "dial-countries.h"
#include "dial-error.h"
#include "dial-validate.h"

#define E164_MIN_DIGITS 7
#define E164_MAX_DIGITS 15

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, DIAL_ERROR, DIAL_ERROR_INVALID_INPUT, message);
  return FALSE;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isspace (*p))
        return FALSE;
    }
  return TRUE;
}

/* Whitespace (any Unicode space, e.g. the no-break spaces of formatted numbers) or a control
 * character anywhere; @text is valid UTF-8. */
static gboolean
has_space_or_control (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c) ||
          g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR ||
          g_unichar_type (c) == G_UNICODE_FORMAT)
        return TRUE;
    }
  return FALSE;
}

/* E.164 digits from what a person types: a leading "+", spaces, dashes, dots and brackets are
 * dropped. @what_empty and the rest name the thing in the messages. */
static gboolean
validate_e164 (const char  *text,
               char       **out_normalized,
               GError     **error)
{
  g_autoptr(GString) digits = NULL;
  const char *p;

  if (out_normalized != NULL)
    *out_normalized = NULL;

  if (is_blank (text))
    return invalid (error, _("Enter a phone number in international format, "
                              "for example +44 7700 900123."));
  if (!g_utf8_validate (text, -1, NULL))
    return invalid (error, _("The phone number contains characters that are not digits."));

  digits = g_string_new (NULL);
  p = text;
  while (g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  if (*p == '+')
    p++;

  for (; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= '0' && c <= '9')
        g_string_append_c (digits, (char) c);
      else if (c == '-' || c == '.' || c == '(' || c == ')' || c == '[' || c == ']' ||
               c == '/' || g_unichar_isspace (c) ||
               g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR)
        continue;
      else if (c == '+')
        return invalid (error, _("A “+” can only come first in a phone number, "
                                  "before the country code."));
      else
        return invalid (error, _("A phone number can only contain digits, spaces, dashes, dots, "
                                  "brackets and a leading “+”."));
    }

  if (digits->len == 0)
    return invalid (error, _("Enter a phone number in international format, "
                              "for example +44 7700 900123."));
  if (digits->str[0] == '0')
    return invalid (error, _("Enter the number in international format, starting with the country "
                              "code (for example 44 for the United Kingdom), not with 0."));
  if (digits->len < E164_MIN_DIGITS)
    return invalid (error, _("This phone number is too short: with its country code it needs at "
                              "least 7 digits."));
  if (digits->len > E164_MAX_DIGITS)
    return invalid (error, _("This phone number is too long: an international number has at most "
                              "15 digits."));

  if (out_normalized != NULL)
    *out_normalized = g_string_free (g_steal_pointer (&digits), FALSE);
  return TRUE;
}

gboolean
dial_validate_msisdn (const char  *text,
                      char       **out_normalized,
                      GError     **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return validate_e164 (text, out_normalized, error);
}

gboolean
dial_validate_country (const char  *text,
                       char       **out_normalized,
                       GError     **error)
{
  char code[3];

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_normalized != NULL)
    *out_normalized = NULL;

  if (is_blank (text))
    return invalid (error, _("Choose a country."));
  if (strlen (text) != 2 || !g_ascii_isalpha (text[0]) || !g_ascii_isalpha (text[1]))
    return invalid (error, _("A country must be given as its two-letter ISO 3166 code, for "
                              "example GB or DE."));

  code[0] = g_ascii_toupper (text[0]);
  code[1] = g_ascii_toupper (text[1]);
  code[2] = '\0';
  if (!dial_country_is_known (code))
    return invalid (error, _("There is no country with this two-letter code. Use an ISO 3166 code "
                              "such as GB or DE."));

  if (out_normalized != NULL)
    *out_normalized = g_strdup (code);
  return TRUE;
}

/* An absolute URL with one of @schemes and a host; @uri receives it. */
static gboolean
parse_url (const char  *text,
           GUri       **uri)
{
  *uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  return *uri != NULL;
}

gboolean
dial_validate_webhook_url (const char  *text,
                           GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (is_blank (text))
    return invalid (error, _("Enter a web address starting with https:// or http://."));
  if (!g_utf8_validate (text, -1, NULL) || has_space_or_control (text))
    return invalid (error, _("A web address cannot contain spaces or invisible characters."));
  if (!parse_url (text, &uri))
    return invalid (error, _("This is not a complete web address. Enter one like "
                              "https://example.com/webhooks/inbound-sms."));

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    return invalid (error, _("The web address must start with https:// or http://."));

  host = g_uri_get_host (uri);
  if (host == NULL || host[0] == '\0')
    return invalid (error, _("The web address has no server name after “://”."));

  return TRUE;
}

/* A host name or IP address literal as SIP allows it (RFC 3261 `host`). */
static gboolean
is_valid_host (const char *host,
               gsize       length)
{
  if (length == 0)
    return FALSE;
  if (host[0] == '[')
    {
      g_autofree char *literal = NULL;

      if (length < 3 || host[length - 1] != ']')
        return FALSE;
      literal = g_strndup (host + 1, length - 2);
      return g_hostname_is_ip_address (literal);
    }
  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isalnum (host[i]) && host[i] != '-' && host[i] != '.')
        return FALSE;
    }
  return host[0] != '.' && host[0] != '-';
}

gboolean
dial_validate_sip_uri (const char  *text,
                       GError     **error)
{
  const char *rest;
  const char *end;
  const char *at;
  const char *host;
  const char *port;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (is_blank (text))
    return invalid (error, _("Enter a SIP address, for example sip:support@example.com."));
  if (!g_utf8_validate (text, -1, NULL) || has_space_or_control (text))
    return invalid (error, _("A SIP address cannot contain spaces or invisible characters."));

  if (g_ascii_strncasecmp (text, "sip:", 4) == 0)
    rest = text + 4;
  else if (g_ascii_strncasecmp (text, "sips:", 5) == 0)
    rest = text + 5;
  else
    return invalid (error, _("A SIP address must start with sip: or sips:, for example "
                              "sip:support@example.com."));

  /* userinfo@hostport, then optional ;parameters and ?headers */
  end = rest + strcspn (rest, ";?");
  at = memchr (rest, '@', end - rest);
  if (at != NULL)
    {
      if (at == rest)
        return invalid (error, _("The SIP address has nothing before the “@”."));
      host = at + 1;
    }
  else
    {
      host = rest;
    }

  /* The port is after the last ':' unless that is inside an IPv6 literal. */
  port = NULL;
  if (host < end && host[0] == '[')
    {
      const char *close = memchr (host, ']', end - host);

      if (close != NULL && close + 1 < end && close[1] == ':')
        port = close + 1;
    }
  else
    {
      port = memchr (host, ':', end - host);
    }

  if (port != NULL)
    {
      if (port + 1 == end)
        return invalid (error, _("The SIP address ends in “:” without a port number."));
      for (const char *p = port + 1; p < end; p++)
        {
          if (!g_ascii_isdigit (*p))
            return invalid (error, _("The port in the SIP address must be a number."));
        }
    }

  if (!is_valid_host (host, (port != NULL ? port : end) - host))
    return invalid (error, _("The SIP address needs a valid server name after the “@”, for "
                              "example sip:support@example.com."));

  return TRUE;
}

gboolean
dial_validate_tel (const char  *text,
                   char       **out_normalized,
                   GError     **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text != NULL && g_ascii_strncasecmp (text, "tel:", 4) == 0)
    text += 4;
  return validate_e164 (text, out_normalized, error);
}

static gboolean
invalid_application_id (GError **error)
{
  return invalid (error, _("An application ID is 32 hexadecimal digits in groups of 8-4-4-4-12, "
                           "for example aaaaaaaa-bbbb-cccc-dddd-0123456789ab."));
}

gboolean
dial_validate_application_id (const char  *text,
                              char       **out_normalized,
                              GError     **error)
{
  static const guint group_lengths[] = { 8, 4, 4, 4, 12 };
  const char *p;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_normalized != NULL)
    *out_normalized = NULL;

  if (is_blank (text))
    return invalid (error, _("Enter an application ID, for example "
                              "aaaaaaaa-bbbb-cccc-dddd-0123456789ab."));

  p = text;
  for (guint g = 0; g < G_N_ELEMENTS (group_lengths); g++)
    {
      for (guint i = 0; i < group_lengths[g]; i++, p++)
        {
          if (!g_ascii_isxdigit (*p))
            return invalid_application_id (error);
        }
      if (g + 1 < G_N_ELEMENTS (group_lengths))
        {
          if (*p != '-')
            return invalid_application_id (error);
          p++;
        }
    }
  if (*p != '\0')
    return invalid_application_id (error);

  if (out_normalized != NULL)
    *out_normalized = g_ascii_strdown (text, -1);
  return TRUE;
}

gboolean
dial_validate_api_key (const char  *text,
                       GError     **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL || text[0] == '\0')
    return invalid (error, _("Enter the API key shown in the Vonage dashboard."));
  for (const char *p = text; *p != '\0'; p++)
    {
      /* Printable ASCII without space: 0x21 … 0x7e */
      if (*p <= ' ' || *p > '~')
        return invalid (error, _("An API key contains only letters, digits and punctuation, "
                                  "without spaces. Copy it again from the Vonage dashboard."));
    }
  if (strlen (text) > 64)
    return invalid (error, _("This is too long for an API key. Copy the API key, not the secret, "
                              "from the Vonage dashboard."));

  return TRUE;
}

static gboolean
is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0 || g_ascii_strcasecmp (host, "localhost.") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

gboolean
dial_validate_base_url (const char  *text,
                        GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (is_blank (text))
    return invalid (error, _("Enter the API address, for example https://rest.nexmo.com."));
  if (!g_utf8_validate (text, -1, NULL) || has_space_or_control (text))
    return invalid (error, _("The API address cannot contain spaces or invisible characters."));
  if (!parse_url (text, &uri))
    return invalid (error, _("The API address is not a complete web address. Enter one like "
                              "https://rest.nexmo.com."));

  host = g_uri_get_host (uri);
  if (host == NULL || host[0] == '\0')
    return invalid (error, _("The API address has no server name after “://”."));

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") != 0)
    return invalid (error, _("The API address must start with https://."));
  if (!is_loopback_host (host))
    {
      g_set_error_literal (error, DIAL_ERROR, DIAL_ERROR_INSECURE_URL,
                           _("The API address must start with https://. Plain http:// is only "
                              "allowed for a server on this computer (localhost or 127.0.0.1)."));
      return FALSE;
    }

  return TRUE;
}

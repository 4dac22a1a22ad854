/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "dial-number.h"

G_BEGIN_DECLS

/* The configurable part of an owned number, shared by DialNumberConfig and
 * dial_number_apply_config(). Strings are owned (g_strdup) except the two type strings,
 * which are interned. */
struct _DialNumberConfig
{
  const char            *country;                  /* interned */
  char                  *msisdn;
  char                  *mo_http_url;
  char                  *mo_smpp_sys_type;
  DialVoiceCallbackType  voice_callback_type;
  const char            *voice_callback_type_string; /* interned; what is sent */
  char                  *voice_callback_value;
  char                  *voice_status_callback;
  const char            *messages_callback_type;   /* interned */
  char                  *messages_callback_value;
  char                  *app_id;
};

/* Interns @text if it is short enough to be an enumeration value or code; NULL otherwise. */
const char            *dial_intern_short                     (const char *text);
DialVoiceCallbackType  dial_voice_callback_type_from_string  (const char *text);
const char            *dial_voice_callback_type_to_string    (DialVoiceCallbackType type);

/* dial_numbers_parse_page() on an answer already parsed (any thread). */
GPtrArray             *dial_numbers_read_page                (JsonNode   *root,
                                                              guint      *out_count,
                                                              GError    **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _DialAccounts     DialAccounts;
typedef struct _DialClient       DialClient;
typedef struct _DialNumber       DialNumber;
typedef struct _DialNumberConfig DialNumberConfig;
typedef struct _DialOwnedList    DialOwnedList;

/* Money is exact: an integer count of DIAL_MONEY_SCALE-ths of a euro (8 decimals, as the
 * balance has). Never a float. */
typedef gint64 DialMoney;
#define DIAL_MONEY_SCALE G_GINT64_CONSTANT (100000000)
#define DIAL_MONEY_UNKNOWN G_MININT64

/* The `type` of a number. UNKNOWN keeps the server's string (see dial_number_get_type_string()). */
typedef enum
{
  DIAL_NUMBER_TYPE_UNKNOWN,
  DIAL_NUMBER_TYPE_LANDLINE,
  DIAL_NUMBER_TYPE_MOBILE_LVN,
  DIAL_NUMBER_TYPE_LANDLINE_TOLL_FREE,
} DialNumberType;

typedef enum /*< flags >*/
{
  DIAL_FEATURE_NONE  = 0,
  DIAL_FEATURE_SMS   = 1 << 0,
  DIAL_FEATURE_VOICE = 1 << 1,
  DIAL_FEATURE_MMS   = 1 << 2,
} DialFeatures;

/* `voiceCallbackType`. UNKNOWN with a string kept for values the server invents. */
typedef enum
{
  DIAL_VOICE_CALLBACK_NONE,
  DIAL_VOICE_CALLBACK_SIP,
  DIAL_VOICE_CALLBACK_TEL,
  DIAL_VOICE_CALLBACK_APP,
  DIAL_VOICE_CALLBACK_UNKNOWN,
} DialVoiceCallbackType;

/* `search_pattern` */
typedef enum
{
  DIAL_PATTERN_STARTS_WITH = 0,
  DIAL_PATTERN_CONTAINS    = 1,
  DIAL_PATTERN_ENDS_WITH   = 2,
} DialPatternMode;

/* `has_application` */
typedef enum
{
  DIAL_APPLICATION_ANY,
  DIAL_APPLICATION_LINKED,
  DIAL_APPLICATION_NOT_LINKED,
} DialApplicationFilter;

/* A `limitations` item (S-NUM-110). */
typedef struct
{
  const char *feature; /* interned: "SMS", "VOICE", "MMS" or what the server sent */
  const char *type;    /* interned: "INBOUND", "OUTBOUND", … */
  const char *reach;   /* interned: "DOMESTIC", "INTERNATIONAL", … */
} DialLimitation;

/* GTypes for these enums are generated: dial-enum-types.h (gnome.mkenums_simple). */

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-number"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "dial-enum-types.h"
#include "dial-error.h"
#include "dial-json.h"
#include "dial-number-private.h"

/*
 * Memory layout. A listing holds thousands of these, so a number costs one GObject of about
 * 130 bytes plus one block with its own strings (msisdn, URLs, ids) and nothing else: strings
 * that repeat across numbers (country, type, callback types) are interned, and so are whole
 * `features` and `limitations` arrays (an account has a handful of distinct ones).
 */

typedef enum
{
  FIELD_MSISDN,
  FIELD_COST,
  FIELD_INITIAL_PRICE,
  FIELD_MO_HTTP_URL,
  FIELD_MO_SMPP_SYS_TYPE,
  FIELD_VOICE_CALLBACK_VALUE,
  FIELD_VOICE_STATUS_CALLBACK,
  FIELD_MESSAGES_CALLBACK_VALUE,
  FIELD_APP_ID,
  N_FIELDS
} Field;

struct _DialNumber
{
  GObject               parent_instance;

  const char           *country;                    /* interned or NULL */
  const char           *type_string;                /* interned or NULL */
  const char           *voice_callback_type_string; /* interned or NULL */
  const char           *messages_callback_type;     /* interned or NULL */
  const char * const   *feature_strings;            /* interned array, never NULL */
  const DialLimitation *limitations;                /* interned array or NULL */

  /* Every per-number string, NUL-terminated one after the other in one allocation.
   * offsets[f] is 1 + the start of field f in the block, or 0 when the field is absent. */
  char                 *strings;
  guint32               offsets[N_FIELDS];

  guint32               n_limitations;
  guint8                number_type;         /* DialNumberType */
  guint8                features;            /* DialFeatures */
  guint8                voice_callback_type; /* DialVoiceCallbackType */
};

enum {
  PROP_0,
  PROP_COUNTRY,
  PROP_MSISDN,
  PROP_NUMBER_TYPE,
  PROP_TYPE_STRING,
  PROP_FEATURES,
  PROP_FEATURE_STRINGS,
  PROP_COST,
  PROP_INITIAL_PRICE,
  PROP_MO_HTTP_URL,
  PROP_MO_SMPP_SYS_TYPE,
  PROP_VOICE_CALLBACK_TYPE,
  PROP_VOICE_CALLBACK_TYPE_STRING,
  PROP_VOICE_CALLBACK_VALUE,
  PROP_VOICE_STATUS_CALLBACK,
  PROP_MESSAGES_CALLBACK_TYPE,
  PROP_MESSAGES_CALLBACK_VALUE,
  PROP_APP_ID,
  PROP_N_LIMITATIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (DialNumber, dial_number, G_TYPE_OBJECT)

/* Longer "enumeration" values are garbage, and interning them would let a broken server grow
 * the process without bound; they are treated like a member of the wrong type. */
#define MAX_INTERNED_LENGTH 64

static const char *const no_features[] = { NULL };

static const char *feature_sms;
static const char *feature_voice;
static const char *feature_mms;

static GMutex      intern_lock;
static GHashTable *interned_strings; /* set of the strings dial_intern_short() hands out */
static GHashTable *interned_arrays;  /* GBytes of interned pointers → interned array */
static const char *const *known_feature_arrays[64];

/* Helpers */

/* Our own pool rather than g_intern_string(): GLib deliberately leaks its quark array each
 * time it grows, which LeakSanitizer (and so the fuzzer) reports, and the pool keeps what a
 * server can make us hold in one place. */
const char *
dial_intern_short (const char *text)
{
  const char *interned;

  if (text == NULL || text[0] == '\0' ||
      strnlen (text, MAX_INTERNED_LENGTH + 1) > MAX_INTERNED_LENGTH)
    return NULL;

  g_mutex_lock (&intern_lock);
  if (interned_strings == NULL)
    interned_strings = g_hash_table_new (g_str_hash, g_str_equal);
  interned = g_hash_table_lookup (interned_strings, text);
  if (interned == NULL)
    {
      char *copy = g_strdup (text);

      g_hash_table_add (interned_strings, copy);
      interned = copy;
    }
  g_mutex_unlock (&intern_lock);

  return interned;
}

DialVoiceCallbackType
dial_voice_callback_type_from_string (const char *text)
{
  if (text == NULL)
    return DIAL_VOICE_CALLBACK_NONE;
  if (strcmp (text, "sip") == 0)
    return DIAL_VOICE_CALLBACK_SIP;
  if (strcmp (text, "tel") == 0)
    return DIAL_VOICE_CALLBACK_TEL;
  if (strcmp (text, "app") == 0)
    return DIAL_VOICE_CALLBACK_APP;
  return DIAL_VOICE_CALLBACK_UNKNOWN;
}

const char *
dial_voice_callback_type_to_string (DialVoiceCallbackType type)
{
  switch (type)
    {
    case DIAL_VOICE_CALLBACK_SIP:
      return dial_intern_short ("sip");
    case DIAL_VOICE_CALLBACK_TEL:
      return dial_intern_short ("tel");
    case DIAL_VOICE_CALLBACK_APP:
      return dial_intern_short ("app");
    case DIAL_VOICE_CALLBACK_NONE:
    case DIAL_VOICE_CALLBACK_UNKNOWN:
    default:
      return NULL;
    }
}

static DialNumberType
number_type_from_string (const char *text)
{
  if (text == NULL)
    return DIAL_NUMBER_TYPE_UNKNOWN;
  if (strcmp (text, "mobile-lvn") == 0)
    return DIAL_NUMBER_TYPE_MOBILE_LVN;
  if (strcmp (text, "landline") == 0)
    return DIAL_NUMBER_TYPE_LANDLINE;
  if (strcmp (text, "landline-toll-free") == 0)
    return DIAL_NUMBER_TYPE_LANDLINE_TOLL_FREE;
  return DIAL_NUMBER_TYPE_UNKNOWN;
}

/* A non-empty JSON string member, or NULL (absent, null, empty or of another type). */
static inline const char *
node_get_string (JsonNode *node)
{
  const char *text;

  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  text = json_node_get_string (node);
  return text != NULL && text[0] != '\0' ? text : NULL;
}

static void
ensure_interned_arrays (void)
{
  if (interned_arrays == NULL)
    interned_arrays = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                             (GDestroyNotify) g_bytes_unref, NULL);
}

/* Returns the one shared copy of an array of interned pointers: @items is @n_items pointers,
 * @make builds the array to keep from them the first time. Shared arrays live as long as the
 * process, like interned strings. */
static gconstpointer
intern_array (gconstpointer   items,
              gsize           size,
              gpointer      (*make) (gconstpointer items, gsize size))
{
  g_autoptr(GBytes) key = g_bytes_new_static (items, size);
  gpointer array;

  g_mutex_lock (&intern_lock);
  ensure_interned_arrays ();
  array = g_hash_table_lookup (interned_arrays, key);
  if (array == NULL)
    {
      array = make (items, size);
      g_hash_table_insert (interned_arrays, g_bytes_new (items, size), array);
    }
  g_mutex_unlock (&intern_lock);

  return array;
}

static gpointer
make_string_array (gconstpointer items,
                   gsize         size)
{
  gsize n = size / sizeof (char *);
  const char **array = g_new (const char *, n + 1);

  memcpy (array, items, size);
  array[n] = NULL;
  return array;
}

static gpointer
make_limitation_array (gconstpointer items,
                       gsize         size)
{
  return g_memdup2 (items, size);
}

static void
ensure_known_features (void)
{
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      feature_sms = dial_intern_short ("SMS");
      feature_voice = dial_intern_short ("VOICE");
      feature_mms = dial_intern_short ("MMS");
      g_once_init_leave (&initialized, 1);
    }
}

static DialFeatures
known_feature (const char *text,
               const char **out_interned)
{
  if (strcmp (text, "SMS") == 0)
    {
      *out_interned = feature_sms;
      return DIAL_FEATURE_SMS;
    }
  if (strcmp (text, "VOICE") == 0)
    {
      *out_interned = feature_voice;
      return DIAL_FEATURE_VOICE;
    }
  if (strcmp (text, "MMS") == 0)
    {
      *out_interned = feature_mms;
      return DIAL_FEATURE_MMS;
    }
  *out_interned = NULL;
  return DIAL_FEATURE_NONE;
}

/* `features`: the flags of the known values, and the shared array of all values as sent. */
static const char * const *
parse_features (JsonNode     *node,
                DialFeatures *out_flags)
{
  g_autofree const char **heap = NULL;
  const char *stack[8];
  const char **items = stack;
  JsonArray *array;
  DialFeatures flags = 0;
  guint code = 0;
  gboolean all_known = TRUE;
  guint length;
  guint n = 0;

  *out_flags = DIAL_FEATURE_NONE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return no_features;

  ensure_known_features ();
  array = json_node_get_array (node);
  length = json_array_get_length (array);
  if (length > G_N_ELEMENTS (stack))
    items = heap = g_new (const char *, length);

  for (guint i = 0; i < length; i++)
    {
      const char *text = node_get_string (json_array_get_element (array, i));
      const char *interned;
      DialFeatures flag;

      if (text == NULL)
        continue;
      flag = known_feature (text, &interned);
      if (flag == DIAL_FEATURE_NONE)
        {
          interned = dial_intern_short (text);
          if (interned == NULL)
            continue;
          all_known = FALSE;
        }
      flags |= flag;
      /* Base-4 code of up to three known features in their order: 1 = SMS, 2 = VOICE, 3 = MMS */
      code = code * 4 + (flag == DIAL_FEATURE_SMS ? 1 : flag == DIAL_FEATURE_VOICE ? 2 : 3);
      items[n++] = interned;
    }

  *out_flags = flags;
  if (n == 0)
    return no_features;

  /* The common case: a few known features, found without hashing. */
  if (all_known && n <= 3)
    {
      const char *const *shared = g_atomic_pointer_get (&known_feature_arrays[code]);

      if (shared == NULL)
        {
          shared = intern_array (items, n * sizeof (char *), make_string_array);
          g_atomic_pointer_set (&known_feature_arrays[code], shared);
        }
      return shared;
    }

  return intern_array (items, n * sizeof (char *), make_string_array);
}

/* `limitations`: objects of three enumerations; other items are skipped. */
static const DialLimitation *
parse_limitations (JsonNode *node,
                   guint32  *out_n)
{
  g_autofree DialLimitation *items = NULL;
  JsonArray *array;
  guint length;
  guint n = 0;

  *out_n = 0;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  array = json_node_get_array (node);
  length = json_array_get_length (array);
  if (length == 0)
    return NULL;

  items = g_new0 (DialLimitation, length);
  for (guint i = 0; i < length; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;
      JsonNode *member;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      object = json_node_get_object (element);
      if ((member = json_object_get_member (object, "feature")) != NULL)
        items[n].feature = dial_intern_short (node_get_string (member));
      if ((member = json_object_get_member (object, "type")) != NULL)
        items[n].type = dial_intern_short (node_get_string (member));
      if ((member = json_object_get_member (object, "reach")) != NULL)
        items[n].reach = dial_intern_short (node_get_string (member));
      n++;
    }

  if (n == 0)
    return NULL;

  *out_n = n;
  return intern_array (items, n * sizeof (DialLimitation), make_limitation_array);
}

static inline const char *
number_get_field (DialNumber *self,
                  Field       field)
{
  guint32 offset = self->offsets[field];

  return offset == 0 ? NULL : self->strings + offset - 1;
}

/* Replaces every per-number string with @values (NULL or "" for absent). The values may point
 * into the current block. */
static void
number_set_fields (DialNumber *self,
                   const char *values[N_FIELDS])
{
  gsize lengths[N_FIELDS];
  gsize total = 0;
  char *block;
  char *p;

  for (guint f = 0; f < N_FIELDS; f++)
    {
      lengths[f] = values[f] != NULL ? strlen (values[f]) : 0;
      if (lengths[f] > 0)
        total += lengths[f] + 1;
    }

  g_assert (total < G_MAXUINT32);
  block = total > 0 ? g_malloc (total) : NULL;
  p = block;
  for (guint f = 0; f < N_FIELDS; f++)
    {
      if (lengths[f] == 0)
        {
          self->offsets[f] = 0;
          continue;
        }
      memcpy (p, values[f], lengths[f] + 1);
      self->offsets[f] = (guint32) (p - block) + 1;
      p += lengths[f] + 1;
    }

  g_free (self->strings);
  self->strings = block;
}

static void
number_get_fields (DialNumber *self,
                   const char *values[N_FIELDS])
{
  for (guint f = 0; f < N_FIELDS; f++)
    values[f] = number_get_field (self, f);
}

/* `count`: a non-negative integer; an integral float and a string of digits are accepted too
 * (some servers send those). Anything else is "not given". */
static gboolean
parse_count (JsonNode *node,
             guint    *out_count)
{
  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return FALSE;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      {
        gint64 value = json_node_get_int (node);

        if (value < 0)
          return FALSE;
        *out_count = (guint) MIN (value, (gint64) G_MAXUINT);
        return TRUE;
      }
    case G_TYPE_DOUBLE:
      {
        double value = json_node_get_double (node);

        if (!isfinite (value) || value < 0 || value != floor (value))
          return FALSE;
        *out_count = value >= (double) G_MAXUINT ? G_MAXUINT : (guint) value;
        return TRUE;
      }
    case G_TYPE_STRING:
      {
        const char *text = json_node_get_string (node);
        guint64 value;

        if (text == NULL || !g_ascii_isdigit (text[0]))
          return FALSE;
        if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, &value, NULL))
          {
            /* All digits but too long for 64 bits: still a count, just a huge one. */
            if (strspn (text, "0123456789") != strlen (text))
              return FALSE;
            value = G_MAXUINT;
          }
        *out_count = (guint) MIN (value, (guint64) G_MAXUINT);
        return TRUE;
      }
    default:
      return FALSE;
    }
}

/* DialNumber */

static void
dial_number_finalize (GObject *object)
{
  DialNumber *self = DIAL_NUMBER (object);

  g_free (self->strings);

  G_OBJECT_CLASS (dial_number_parent_class)->finalize (object);
}

static void
dial_number_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DialNumber *self = DIAL_NUMBER (object);

  switch (prop_id)
    {
    case PROP_COUNTRY:
      g_value_set_string (value, self->country);
      break;
    case PROP_MSISDN:
      g_value_set_string (value, dial_number_get_msisdn (self));
      break;
    case PROP_NUMBER_TYPE:
      g_value_set_enum (value, self->number_type);
      break;
    case PROP_TYPE_STRING:
      g_value_set_string (value, self->type_string);
      break;
    case PROP_FEATURES:
      g_value_set_flags (value, self->features);
      break;
    case PROP_FEATURE_STRINGS:
      g_value_set_boxed (value, self->feature_strings);
      break;
    case PROP_COST:
      g_value_set_string (value, dial_number_get_cost (self));
      break;
    case PROP_INITIAL_PRICE:
      g_value_set_string (value, dial_number_get_initial_price (self));
      break;
    case PROP_MO_HTTP_URL:
      g_value_set_string (value, dial_number_get_mo_http_url (self));
      break;
    case PROP_MO_SMPP_SYS_TYPE:
      g_value_set_string (value, dial_number_get_mo_smpp_sys_type (self));
      break;
    case PROP_VOICE_CALLBACK_TYPE:
      g_value_set_enum (value, self->voice_callback_type);
      break;
    case PROP_VOICE_CALLBACK_TYPE_STRING:
      g_value_set_string (value, self->voice_callback_type_string);
      break;
    case PROP_VOICE_CALLBACK_VALUE:
      g_value_set_string (value, dial_number_get_voice_callback_value (self));
      break;
    case PROP_VOICE_STATUS_CALLBACK:
      g_value_set_string (value, dial_number_get_voice_status_callback (self));
      break;
    case PROP_MESSAGES_CALLBACK_TYPE:
      g_value_set_string (value, self->messages_callback_type);
      break;
    case PROP_MESSAGES_CALLBACK_VALUE:
      g_value_set_string (value, dial_number_get_messages_callback_value (self));
      break;
    case PROP_APP_ID:
      g_value_set_string (value, dial_number_get_app_id (self));
      break;
    case PROP_N_LIMITATIONS:
      g_value_set_uint (value, self->n_limitations);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name,
                 const char *nick)
{
  return g_param_spec_string (name, nick, NULL, NULL,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
}

static void
dial_number_class_init (DialNumberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = dial_number_finalize;
  object_class->get_property = dial_number_get_property;

  properties[PROP_COUNTRY] = string_property ("country", "ISO 3166-1 alpha-2 code");
  properties[PROP_MSISDN] = string_property ("msisdn", "E.164 digits without +");
  properties[PROP_NUMBER_TYPE] =
    g_param_spec_enum ("number-type", NULL, NULL,
                       DIAL_TYPE_NUMBER_TYPE, DIAL_NUMBER_TYPE_UNKNOWN, flags);
  properties[PROP_TYPE_STRING] = string_property ("type-string", "type as sent");
  properties[PROP_FEATURES] =
    g_param_spec_flags ("features", NULL, NULL,
                        DIAL_TYPE_FEATURES, DIAL_FEATURE_NONE, flags);
  properties[PROP_FEATURE_STRINGS] =
    g_param_spec_boxed ("feature-strings", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_COST] = string_property ("cost", "EUR per month");
  properties[PROP_INITIAL_PRICE] = string_property ("initial-price", "EUR setup fee");
  properties[PROP_MO_HTTP_URL] = string_property ("mo-http-url", "inbound SMS webhook");
  properties[PROP_MO_SMPP_SYS_TYPE] = string_property ("mo-smpp-sys-type", NULL);
  properties[PROP_VOICE_CALLBACK_TYPE] =
    g_param_spec_enum ("voice-callback-type", NULL, NULL,
                       DIAL_TYPE_VOICE_CALLBACK_TYPE, DIAL_VOICE_CALLBACK_NONE, flags);
  properties[PROP_VOICE_CALLBACK_TYPE_STRING] =
    string_property ("voice-callback-type-string", "voiceCallbackType as sent");
  properties[PROP_VOICE_CALLBACK_VALUE] = string_property ("voice-callback-value", NULL);
  properties[PROP_VOICE_STATUS_CALLBACK] = string_property ("voice-status-callback", NULL);
  properties[PROP_MESSAGES_CALLBACK_TYPE] = string_property ("messages-callback-type", NULL);
  properties[PROP_MESSAGES_CALLBACK_VALUE] = string_property ("messages-callback-value", NULL);
  properties[PROP_APP_ID] = string_property ("app-id", "linked application");
  properties[PROP_N_LIMITATIONS] =
    g_param_spec_uint ("n-limitations", NULL, NULL, 0, G_MAXUINT32, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dial_number_init (DialNumber *self)
{
  self->feature_strings = no_features;
}

/* Public API */

DialNumber *
dial_number_new_from_json (JsonNode  *node,
                           GError   **error)
{
  const char *values[N_FIELDS] = { NULL, };
  const char *country = NULL;
  const char *type_string = NULL;
  const char *voice_callback_type_string = NULL;
  const char *messages_callback_type = NULL;
  const char * const *feature_strings = no_features;
  const DialLimitation *limitations = NULL;
  DialFeatures features = DIAL_FEATURE_NONE;
  guint32 n_limitations = 0;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  DialNumber *self;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, DIAL_ERROR, DIAL_ERROR_MALFORMED,
                           _("A number in the answer is not an object."));
      return NULL;
    }

  /* One pass over the members, with the JSON strings used in place until the one copy. */
  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &name, &member))
    {
      switch (name[0])
        {
        case 'a':
          if (strcmp (name, "app_id") == 0)
            values[FIELD_APP_ID] = node_get_string (member);
          break;
        case 'c':
          if (strcmp (name, "country") == 0)
            country = dial_intern_short (node_get_string (member));
          else if (strcmp (name, "cost") == 0)
            values[FIELD_COST] = node_get_string (member);
          break;
        case 'f':
          if (strcmp (name, "features") == 0)
            feature_strings = parse_features (member, &features);
          break;
        case 'i':
          if (strcmp (name, "initialPrice") == 0)
            values[FIELD_INITIAL_PRICE] = node_get_string (member);
          break;
        case 'l':
          if (strcmp (name, "limitations") == 0)
            limitations = parse_limitations (member, &n_limitations);
          break;
        case 'm':
          if (strcmp (name, "msisdn") == 0)
            values[FIELD_MSISDN] = node_get_string (member);
          else if (strcmp (name, "moHttpUrl") == 0)
            values[FIELD_MO_HTTP_URL] = node_get_string (member);
          else if (strcmp (name, "moSmppSysType") == 0)
            values[FIELD_MO_SMPP_SYS_TYPE] = node_get_string (member);
          else if (strcmp (name, "messagesCallbackType") == 0)
            messages_callback_type = dial_intern_short (node_get_string (member));
          else if (strcmp (name, "messagesCallbackValue") == 0)
            values[FIELD_MESSAGES_CALLBACK_VALUE] = node_get_string (member);
          break;
        case 't':
          if (strcmp (name, "type") == 0)
            type_string = dial_intern_short (node_get_string (member));
          break;
        case 'v':
          if (strcmp (name, "voiceCallbackType") == 0)
            voice_callback_type_string = dial_intern_short (node_get_string (member));
          else if (strcmp (name, "voiceCallbackValue") == 0)
            values[FIELD_VOICE_CALLBACK_VALUE] = node_get_string (member);
          else if (strcmp (name, "voiceStatusCallback") == 0)
            values[FIELD_VOICE_STATUS_CALLBACK] = node_get_string (member);
          break;
        default:
          break;
        }
    }

  if (values[FIELD_MSISDN] == NULL)
    {
      g_set_error_literal (error, DIAL_ERROR, DIAL_ERROR_MALFORMED,
                           _("A number in the answer has no phone number (msisdn)."));
      return NULL;
    }

  self = g_object_new (DIAL_TYPE_NUMBER, NULL);
  self->country = country;
  self->type_string = type_string;
  self->number_type = number_type_from_string (type_string);
  self->features = features;
  self->feature_strings = feature_strings;
  self->voice_callback_type_string = voice_callback_type_string;
  self->voice_callback_type = dial_voice_callback_type_from_string (voice_callback_type_string);
  self->messages_callback_type = messages_callback_type;
  self->limitations = limitations;
  self->n_limitations = n_limitations;
  number_set_fields (self, values);

  return self;
}

DialNumber *
dial_number_new (const char *country,
                 const char *msisdn)
{
  const char *values[N_FIELDS] = { NULL, };
  DialNumber *self;

  g_return_val_if_fail (msisdn != NULL && msisdn[0] != '\0', NULL);

  self = g_object_new (DIAL_TYPE_NUMBER, NULL);
  self->country = dial_intern_short (country);
  values[FIELD_MSISDN] = msisdn;
  number_set_fields (self, values);

  return self;
}

const char *
dial_number_get_country (DialNumber *self)
{
  g_return_val_if_fail (DIAL_IS_NUMBER (self), NULL);
  return self->country;
}

const char *
dial_number_get_msisdn (DialNumber *self)
{
  g_return_val_if_fail (DIAL_IS_NUMBER (self), NULL);
  return number_get_field (self, FIELD_MSISDN);
}

DialNumberType
dial_number_get_number_type (DialNumber *self)
{
  g_return_val_if_fail (DIAL_IS_NUMBER (self), DIAL_NUMBER_TYPE_UNKNOWN);
  return self->number_type;
}

const char *
dial_number_get_type_string (DialNumber *self)
{
  g_return_val_if_fail (DIAL_IS_NUMBER (self), NULL);
  return self->type_string;
}

DialFeatures
dial_number_get_features (DialNumber *self)
{
  g_return_val_if_fail (DIAL_IS_NUMBER (self), DIAL_FEATURE_NONE);
  return self->features;
}

const char * const *
dial_number_get_feature_strings (DialNumber *self)
{
  g_return_val_if_fail (DIAL_IS_NUMBER (self), NULL);
  return self->feature_strings;
}

const char *
dial_number_get_cost (DialNumber *self)
{
  g_return_val_if_fail (DIAL_IS_NUMBER (self), NULL);
  return number_get_field (self, FIELD_COST);
}

const char *
dial_number_get_initial_price (DialNumber *self)
{
  g_return_val_if_fail (DIAL_IS_NUMBER (self), NULL);
  return number_get_field (self, FIELD_INITIAL_PRICE);
}

const char *
dial_number_get_mo_http_url (DialNumber *self)
{
  g_return_val_if_fail (DIAL_IS_NUMBER (self), NULL);
  return number_get_field (self, FIELD_MO_HTTP_URL);
}

const char *
dial_number_get_mo_smpp_sys_type (DialNumber *self)
{
  g_return_val_if_fail (DIAL_IS_NUMBER (self), NULL);
  return number_get_field (self, FIELD_MO_SMPP_SYS_TYPE);
}

DialVoiceCallbackType
dial_number_get_voice_callback_type (DialNumber *self)
{
  g_return_val_if_fail (DIAL_IS_NUMBER (self), DIAL_VOICE_CALLBACK_NONE);
  return self->voice_callback_type;
}

const char *
dial_number_get_voice_callback_type_string (DialNumber *self)
{
  g_return_val_if_fail (DIAL_IS_NUMBER (self), NULL);
  return self->voice_callback_type_string;
}

const char *
dial_number_get_voice_callback_value (DialNumber *self)
{
  g_return_val_if_fail (DIAL_IS_NUMBER (self), NULL);
  return number_get_field (self, FIELD_VOICE_CALLBACK_VALUE);
}

const char *
dial_number_get_voice_status_callback (DialNumber *self)
{
  g_return_val_if_fail (DIAL_IS_NUMBER (self), NULL);
  return number_get_field (self, FIELD_VOICE_STATUS_CALLBACK);
}

const char *
dial_number_get_messages_callback_type (DialNumber *self)
{
  g_return_val_if_fail (DIAL_IS_NUMBER (self), NULL);
  return self->messages_callback_type;
}

const char *
dial_number_get_messages_callback_value (DialNumber *self)
{
  g_return_val_if_fail (DIAL_IS_NUMBER (self), NULL);
  return number_get_field (self, FIELD_MESSAGES_CALLBACK_VALUE);
}

const char *
dial_number_get_app_id (DialNumber *self)
{
  g_return_val_if_fail (DIAL_IS_NUMBER (self), NULL);
  return number_get_field (self, FIELD_APP_ID);
}

guint
dial_number_get_n_limitations (DialNumber *self)
{
  g_return_val_if_fail (DIAL_IS_NUMBER (self), 0);
  return self->n_limitations;
}

const DialLimitation *
dial_number_get_limitation (DialNumber *self,
                            guint       i)
{
  g_return_val_if_fail (DIAL_IS_NUMBER (self), NULL);
  g_return_val_if_fail (i < self->n_limitations, NULL);
  return &self->limitations[i];
}

void
dial_number_apply_config (DialNumber       *self,
                          DialNumberConfig *config)
{
  static const struct {
    Field field;
    guint prop;
  } configurable[] = {
    { FIELD_MO_HTTP_URL, PROP_MO_HTTP_URL },
    { FIELD_MO_SMPP_SYS_TYPE, PROP_MO_SMPP_SYS_TYPE },
    { FIELD_VOICE_CALLBACK_VALUE, PROP_VOICE_CALLBACK_VALUE },
    { FIELD_VOICE_STATUS_CALLBACK, PROP_VOICE_STATUS_CALLBACK },
    { FIELD_MESSAGES_CALLBACK_VALUE, PROP_MESSAGES_CALLBACK_VALUE },
    { FIELD_APP_ID, PROP_APP_ID },
  };
  const char *old_values[N_FIELDS];
  const char *values[N_FIELDS];
  gboolean changed[N_PROPS] = { FALSE, };

  g_return_if_fail (DIAL_IS_NUMBER (self));
  g_return_if_fail (config != NULL);
  g_return_if_fail (g_strcmp0 (config->msisdn, dial_number_get_msisdn (self)) == 0);

  number_get_fields (self, old_values);
  number_get_fields (self, values);
  values[FIELD_MO_HTTP_URL] = config->mo_http_url;
  values[FIELD_MO_SMPP_SYS_TYPE] = config->mo_smpp_sys_type;
  values[FIELD_VOICE_CALLBACK_VALUE] = config->voice_callback_value;
  values[FIELD_VOICE_STATUS_CALLBACK] = config->voice_status_callback;
  values[FIELD_MESSAGES_CALLBACK_VALUE] = config->messages_callback_value;
  values[FIELD_APP_ID] = config->app_id;

  for (guint i = 0; i < G_N_ELEMENTS (configurable); i++)
    {
      Field f = configurable[i].field;
      const char *new_value = values[f] != NULL && values[f][0] != '\0' ? values[f] : NULL;

      changed[configurable[i].prop] = g_strcmp0 (old_values[f], new_value) != 0;
    }

  if (self->voice_callback_type_string != config->voice_callback_type_string)
    {
      self->voice_callback_type_string = config->voice_callback_type_string;
      changed[PROP_VOICE_CALLBACK_TYPE_STRING] = TRUE;
    }
  if (self->voice_callback_type != config->voice_callback_type)
    {
      self->voice_callback_type = config->voice_callback_type;
      changed[PROP_VOICE_CALLBACK_TYPE] = TRUE;
    }
  if (self->messages_callback_type != config->messages_callback_type)
    {
      self->messages_callback_type = config->messages_callback_type;
      changed[PROP_MESSAGES_CALLBACK_TYPE] = TRUE;
    }

  /* old_values point into the old block, which number_set_fields() frees: compare first. */
  number_set_fields (self, values);

  g_object_freeze_notify (G_OBJECT (self));
  for (guint prop = PROP_0 + 1; prop < N_PROPS; prop++)
    {
      if (changed[prop])
        g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

GPtrArray *
dial_numbers_read_page (JsonNode  *root,
                        guint     *out_count,
                        GError   **error)
{
  g_autoptr(GPtrArray) numbers = NULL;
  JsonObject *root_object;
  JsonNode *member;
  guint count = 0;
  gboolean have_count;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (out_count != NULL)
    *out_count = 0;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, DIAL_ERROR, DIAL_ERROR_MALFORMED,
                           _("The answer is not a JSON object."));
      return NULL;
    }
  root_object = json_node_get_object (root);

  have_count = parse_count (json_object_get_member (root_object, "count"), &count);

  member = json_object_get_member (root_object, "numbers");
  if (member == NULL || JSON_NODE_HOLDS_NULL (member))
    {
      numbers = g_ptr_array_new_with_free_func (g_object_unref);
    }
  else if (JSON_NODE_HOLDS_ARRAY (member))
    {
      JsonArray *array = json_node_get_array (member);
      guint n = json_array_get_length (array);

      numbers = g_ptr_array_new_full (n, g_object_unref);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GError) number_error = NULL;
          DialNumber *number = dial_number_new_from_json (json_array_get_element (array, i),
                                                          &number_error);

          /* One odd element must not hide the others: it is skipped (it could not be acted
           * on without an msisdn anyway). */
          if (number == NULL)
            g_debug ("Skipping element %u of the page: %s", i, number_error->message);
          else
            g_ptr_array_add (numbers, number);
        }
    }
  else
    {
      g_set_error_literal (error, DIAL_ERROR, DIAL_ERROR_MALFORMED,
                           _("The “numbers” in the answer are not a list."));
      return NULL;
    }

  /* A page never holds more than the total; without a usable count, what is here is all. */
  if (!have_count || count < numbers->len)
    count = numbers->len;
  if (out_count != NULL)
    *out_count = count;

  return g_steal_pointer (&numbers);
}

GPtrArray *
dial_numbers_parse_page (const char  *data,
                         gsize        length,
                         guint       *out_count,
                         GError     **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (out_count != NULL)
    *out_count = 0;

  root = dial_json_parse_object (data, length, error);
  if (root == NULL)
    return NULL;

  return dial_numbers_read_page (root, out_count, error);
}

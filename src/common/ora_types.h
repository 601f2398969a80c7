/*
 * ora_types.h - Oracle's external data type numbers, as they travel in
 * describe data, in bind metadata and in the values on the wire.  One list
 * for the engine's describe, the server's value encoding, the TTC layer and
 * the client library's column types (src/client/warden.h).
 */
#ifndef WARDEN_ORA_TYPES_H
#define WARDEN_ORA_TYPES_H

enum ora_type_num {
    T_VARCHAR = 1,
    T_NUMBER = 2,
    T_BINARY_INTEGER = 3,
    T_LONG = 8,
    T_ROWID = 11,
    T_DATE = 12,
    T_RAW = 23,
    T_LONG_RAW = 24,
    T_CHAR = 96,
    T_BINARY_FLOAT = 100,
    T_BINARY_DOUBLE = 101,
    T_CURSOR = 102, /* a REF CURSOR bind */
    T_CLOB = 112,
    T_BLOB = 113,
    T_TIMESTAMP = 180,
    T_TIMESTAMP_TZ = 181,
    T_INTERVAL_YM = 182,
    T_INTERVAL_DS = 183,
    T_TIMESTAMP_LTZ = 231,
    T_BOOLEAN = 252,
};

#endif

/* SPDX-License-Identifier: Apache-2.0 */
/* The type registry: kind -> SQL type facts, Rockset names, default C types, GetTypeInfo rows. */
#include "tests/driver/convert/test_convert_util.h"
#include "driver/convert/types.h"

static void test_kinds(void)
{
    rs_type_info t;
    rs_types_for_kind(RS_V_INT, 0, 8000, &t);
    CU_ASSERT_EQUAL(t.sql_type, SQL_BIGINT);
    CU_ASSERT_EQUAL(t.column_size, 19);
    CU_ASSERT_EQUAL(t.octet_length, 8);
    CU_ASSERT_EQUAL(t.display_size, 20);
    CU_ASSERT_EQUAL(t.num_prec_radix, 10);
    CU_ASSERT_EQUAL(t.is_unsigned, SQL_FALSE);
    CU_ASSERT_STRING_EQUAL(t.type_name, "int");

    rs_types_for_kind(RS_V_FLOAT, 0, 8000, &t);
    CU_ASSERT_EQUAL(t.sql_type, SQL_DOUBLE);
    CU_ASSERT_EQUAL(t.column_size, 15);
    CU_ASSERT_EQUAL(t.octet_length, 8);
    CU_ASSERT_EQUAL(t.display_size, 24);
    CU_ASSERT_STRING_EQUAL(t.type_name, "float");

    rs_types_for_kind(RS_V_BOOL, 0, 8000, &t);
    CU_ASSERT_EQUAL(t.sql_type, SQL_BIT);
    CU_ASSERT_EQUAL(t.column_size, 1);
    CU_ASSERT_STRING_EQUAL(t.type_name, "bool");

    rs_types_for_kind(RS_V_STRING, 0, 4000, &t);
    CU_ASSERT_EQUAL(t.sql_type, SQL_VARCHAR);
    CU_ASSERT_EQUAL(t.column_size, 4000);
    CU_ASSERT_EQUAL(t.octet_length, 4000);
    CU_ASSERT_EQUAL(t.case_sensitive, SQL_TRUE);
    CU_ASSERT_EQUAL(t.searchable, SQL_SEARCHABLE);

    rs_types_for_kind(RS_V_STRING, 1, 4000, &t);
    CU_ASSERT_EQUAL(t.sql_type, SQL_WVARCHAR);
    CU_ASSERT_EQUAL(t.column_size, 4000);
    CU_ASSERT_EQUAL(t.octet_length, 8000);

    rs_types_for_kind(RS_V_DATE, 0, 8000, &t);
    CU_ASSERT_EQUAL(t.sql_type, SQL_TYPE_DATE);
    CU_ASSERT_EQUAL(t.column_size, 10);
    CU_ASSERT_EQUAL(t.verbose_type, SQL_DATETIME);
    CU_ASSERT_EQUAL(t.datetime_sub, SQL_CODE_DATE);
    CU_ASSERT_EQUAL(t.octet_length, (SQLLEN)sizeof(SQL_DATE_STRUCT));

    rs_types_for_kind(RS_V_TIME, 0, 8000, &t);
    CU_ASSERT_EQUAL(t.sql_type, SQL_TYPE_TIME);
    CU_ASSERT_EQUAL(t.decimal_digits, 6);
    CU_ASSERT_EQUAL(t.column_size, 15);
    CU_ASSERT_EQUAL(t.datetime_sub, SQL_CODE_TIME);

    rs_types_for_kind(RS_V_TIMESTAMP, 0, 8000, &t);
    CU_ASSERT_EQUAL(t.sql_type, SQL_TYPE_TIMESTAMP);
    CU_ASSERT_EQUAL(t.column_size, 26);
    CU_ASSERT_EQUAL(t.decimal_digits, 6);
    CU_ASSERT_EQUAL(t.octet_length, (SQLLEN)sizeof(SQL_TIMESTAMP_STRUCT));
    CU_ASSERT_STRING_EQUAL(t.type_name, "timestamp");
    rs_types_for_kind(RS_V_DATETIME, 0, 8000, &t);
    CU_ASSERT_EQUAL(t.sql_type, SQL_TYPE_TIMESTAMP);
    CU_ASSERT_STRING_EQUAL(t.type_name, "datetime");

    rs_types_for_kind(RS_V_BYTES, 0, 100, &t);
    CU_ASSERT_EQUAL(t.sql_type, SQL_VARBINARY);
    CU_ASSERT_EQUAL(t.column_size, 100);
    CU_ASSERT_EQUAL(t.display_size, 200);

    rs_types_for_kind(RS_V_OBJECT, 0, 8000, &t);
    CU_ASSERT_EQUAL(t.sql_type, SQL_LONGVARCHAR);
    CU_ASSERT_STRING_EQUAL(t.type_name, "object");
    rs_types_for_kind(RS_V_ARRAY, 1, 8000, &t);
    CU_ASSERT_EQUAL(t.sql_type, SQL_WLONGVARCHAR);
    CU_ASSERT_STRING_EQUAL(t.type_name, "array");
    rs_types_for_kind(RS_V_OTHER, 0, 8000, &t);
    CU_ASSERT_EQUAL(t.sql_type, SQL_LONGVARCHAR);

    rs_types_for_kind(RS_V_ABSENT, 0, 8000, &t);
    CU_ASSERT_EQUAL(t.sql_type, SQL_VARCHAR);
    rs_types_for_kind(RS_V_NULL, 1, 8000, &t);
    CU_ASSERT_EQUAL(t.sql_type, SQL_WVARCHAR);
    /* no cap given: the default one, never 0 */
    rs_types_for_kind(RS_V_STRING, 0, 0, &t);
    CU_ASSERT_EQUAL(t.column_size, 8000);
}

static void test_names(void)
{
    CU_ASSERT_EQUAL(rs_types_kind_from_name("int"), RS_V_INT);
    CU_ASSERT_EQUAL(rs_types_kind_from_name("FLOAT"), RS_V_FLOAT);
    CU_ASSERT_EQUAL(rs_types_kind_from_name("bool"), RS_V_BOOL);
    CU_ASSERT_EQUAL(rs_types_kind_from_name("string"), RS_V_STRING);
    CU_ASSERT_EQUAL(rs_types_kind_from_name("bytes"), RS_V_BYTES);
    CU_ASSERT_EQUAL(rs_types_kind_from_name("date"), RS_V_DATE);
    CU_ASSERT_EQUAL(rs_types_kind_from_name("time"), RS_V_TIME);
    CU_ASSERT_EQUAL(rs_types_kind_from_name("datetime"), RS_V_DATETIME);
    CU_ASSERT_EQUAL(rs_types_kind_from_name("timestamp"), RS_V_TIMESTAMP);
    CU_ASSERT_EQUAL(rs_types_kind_from_name("object"), RS_V_OBJECT);
    CU_ASSERT_EQUAL(rs_types_kind_from_name("array"), RS_V_ARRAY);
    CU_ASSERT_EQUAL(rs_types_kind_from_name("geography"), RS_V_OTHER);
    CU_ASSERT_EQUAL(rs_types_kind_from_name("microsecond_interval"), RS_V_OTHER);
    CU_ASSERT_EQUAL(rs_types_kind_from_name("null"), RS_V_NULL);
    CU_ASSERT_EQUAL(rs_types_kind_from_name("undefined"), RS_V_ABSENT);
    CU_ASSERT_EQUAL(rs_types_kind_from_name("no_such_type"), RS_V_STRING);
    CU_ASSERT_EQUAL(rs_types_kind_from_name(""), RS_V_STRING);
    CU_ASSERT_EQUAL(rs_types_kind_from_name(NULL), RS_V_STRING);
}

static void test_default_c(void)
{
    CU_ASSERT_EQUAL(rs_types_default_c_type(SQL_BIGINT), SQL_C_SBIGINT);
    CU_ASSERT_EQUAL(rs_types_default_c_type(SQL_INTEGER), SQL_C_SLONG);
    CU_ASSERT_EQUAL(rs_types_default_c_type(SQL_SMALLINT), SQL_C_SSHORT);
    CU_ASSERT_EQUAL(rs_types_default_c_type(SQL_TINYINT), SQL_C_STINYINT);
    CU_ASSERT_EQUAL(rs_types_default_c_type(SQL_DOUBLE), SQL_C_DOUBLE);
    CU_ASSERT_EQUAL(rs_types_default_c_type(SQL_FLOAT), SQL_C_DOUBLE);
    CU_ASSERT_EQUAL(rs_types_default_c_type(SQL_REAL), SQL_C_FLOAT);
    CU_ASSERT_EQUAL(rs_types_default_c_type(SQL_BIT), SQL_C_BIT);
    CU_ASSERT_EQUAL(rs_types_default_c_type(SQL_VARCHAR), SQL_C_CHAR);
    CU_ASSERT_EQUAL(rs_types_default_c_type(SQL_LONGVARCHAR), SQL_C_CHAR);
    CU_ASSERT_EQUAL(rs_types_default_c_type(SQL_NUMERIC), SQL_C_CHAR);
    CU_ASSERT_EQUAL(rs_types_default_c_type(SQL_WVARCHAR), SQL_C_WCHAR);
    CU_ASSERT_EQUAL(rs_types_default_c_type(SQL_WLONGVARCHAR), SQL_C_WCHAR);
    CU_ASSERT_EQUAL(rs_types_default_c_type(SQL_VARBINARY), SQL_C_BINARY);
    CU_ASSERT_EQUAL(rs_types_default_c_type(SQL_TYPE_DATE), SQL_C_TYPE_DATE);
    CU_ASSERT_EQUAL(rs_types_default_c_type(SQL_TYPE_TIME), SQL_C_TYPE_TIME);
    CU_ASSERT_EQUAL(rs_types_default_c_type(SQL_TYPE_TIMESTAMP), SQL_C_TYPE_TIMESTAMP);
}

static void test_all(void)
{
    size_t n = 0, ts = 0;
    const rs_type_info *all = rs_types_all(&n);
    const SQLSMALLINT want[] = {SQL_BIGINT, SQL_DOUBLE, SQL_BIT, SQL_VARCHAR, SQL_WVARCHAR,
                                SQL_LONGVARCHAR, SQL_WLONGVARCHAR, SQL_VARBINARY,
                                SQL_TYPE_DATE, SQL_TYPE_TIME, SQL_TYPE_TIMESTAMP};
    CU_ASSERT_FATAL(n >= sizeof(want) / sizeof(want[0]));
    for (size_t i = 1; i < n; i++)
        CU_ASSERT(all[i - 1].sql_type <= all[i].sql_type); /* GetTypeInfo order */
    for (size_t w = 0; w < sizeof(want) / sizeof(want[0]); w++) {
        int found = 0;
        for (size_t i = 0; i < n; i++)
            found += all[i].sql_type == want[w];
        CU_ASSERT(want[w] == SQL_TYPE_TIMESTAMP ? found == 2 : found == 1);
    }
    for (size_t i = 0; i < n; i++) {
        CU_ASSERT_PTR_NOT_NULL(all[i].type_name);
        CU_ASSERT(all[i].column_size > 0);
        if (all[i].sql_type == SQL_TYPE_TIMESTAMP)
            ts++;
    }
    CU_ASSERT_STRING_EQUAL(all[n - 2].type_name, "timestamp");
    CU_ASSERT_STRING_EQUAL(all[n - 1].type_name, "datetime");
    CU_ASSERT_EQUAL(ts, 2);
}

int main(void)
{
    static const cu_case cases[] = {
        {"kinds -> SQL types", test_kinds},
        {"Rockset type names", test_names},
        {"SQL_C_DEFAULT", test_default_c},
        {"GetTypeInfo rows", test_all},
        {NULL, NULL},
    };
    return cu_run("types", cases);
}

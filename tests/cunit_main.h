/* SPDX-License-Identifier: Apache-2.0 */
/* The one main() body of the CUnit test programs. Each program used to repeat the same steps in
 * main() (registry, suite, one CU_add_test a test, verbose basic run, count the failures,
 * clean-up), with small differences in what counted as a failure, and the convert and
 * integration tests had helpers of their own (tc_run, it_run); this header replaces them all.
 *
 * A program lists its tests in a table ended by {NULL, NULL} and returns what cu_run() returns:
 *
 *     static const cu_case cases[] = {{"name", test_fn}, ..., {NULL, NULL}};
 *     return cu_run("suite", cases);
 *
 * cu_run_fixture() also gives the suite CUnit's init and cleanup functions. Set-up of its own
 * (a database, api_init, a fake server, a temporary directory) stays in main(), around the call.
 *
 * Exit status, as automake's test harness reads it: 0 every test passed; 1 an assertion failed,
 * a suite's init or cleanup failed, or CUnit reported an error during the run; 99 (hard error)
 * CUnit itself could not be set up (no registry, a suite or a test it would not add). */
#ifndef RS_TESTS_CUNIT_MAIN_H
#define RS_TESTS_CUNIT_MAIN_H

#include <CUnit/Basic.h>
#include <stddef.h>

typedef struct cu_case {
    const char *name;
    CU_TestFunc fn;
} cu_case;

#define CU_MAIN_HARD_ERROR 99

static inline int cu_run_fixture(const char *suite, CU_InitializeFunc init, CU_CleanupFunc clean,
                                 const cu_case *cases)
{
    CU_pSuite s;
    unsigned failures;
    CU_ErrorCode err;

    if (CU_initialize_registry() != CUE_SUCCESS)
        return CU_MAIN_HARD_ERROR;
    s = CU_add_suite(suite, init, clean);
    for (size_t i = 0; s && cases[i].name; i++)
        if (!CU_add_test(s, cases[i].name, cases[i].fn))
            s = NULL;
    if (!s) {
        CU_cleanup_registry();
        return CU_MAIN_HARD_ERROR;
    }
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    /* a failed suite init counts no assertion: count it; read the error before
     * CU_cleanup_registry(), which resets it to CUE_SUCCESS */
    failures = CU_get_number_of_failures() + CU_get_number_of_suites_failed();
    err = CU_get_error();
    CU_cleanup_registry();
    return failures || err != CUE_SUCCESS ? 1 : 0;
}

static inline int cu_run(const char *suite, const cu_case *cases)
{
    return cu_run_fixture(suite, NULL, NULL, cases);
}

#endif

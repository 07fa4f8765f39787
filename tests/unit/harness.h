/*
 * harness.h: a small unit-test harness. Each check prints nothing when it holds and one line
 * naming the test, the file:line and both values when it does not; unit.c prints the summary.
 */
#ifndef VERBALE_HARNESS_H
#define VERBALE_HARNESS_H

#include <stdio.h>
#include <string.h>

struct harness {
	const char *test; /* the test running */
	int passed, failed;
};

extern struct harness harness;

/* s n times, then tail: a malloc'd string (for inputs at a limit). */
char *harness_repeat(const char *s, size_t n, const char *tail);

#define CHECK_AT(cond, ...)                                                                        \
	do {                                                                                       \
		if (cond)                                                                          \
			harness.passed++;                                                          \
		else {                                                                             \
			harness.failed++;                                                          \
			printf("FAIL %s (%s:%d): ", harness.test, __FILE__, __LINE__);             \
			printf(__VA_ARGS__);                                                       \
			putchar('\n');                                                             \
		}                                                                                  \
	} while (0)

#define OK(cond, what) CHECK_AT(cond, "%s", what)

#define INT_EQ(got, want, what)                                                                    \
	do {                                                                                       \
		long long g_ = (long long)(got), w_ = (long long)(want);                           \
		CHECK_AT(g_ == w_, "%s: got %lld, want %lld", what, g_, w_);                       \
	} while (0)

#define STR_EQ(got, want, what)                                                                    \
	do {                                                                                       \
		const char *g_ = (got), *w_ = (want);                                              \
		CHECK_AT(g_ != NULL && strcmp(g_, w_) == 0, "%s: got \"%s\", want \"%s\"", what,   \
		         g_ ? g_ : "(null)", w_);                                                  \
	} while (0)

/* The test suites, one per module (each in its NAME_test.c). */
void text_tests(void);
void load_tests(void);
void rules_tests(void);
void italian_tests(void);
void template_tests(void);
void markdown_tests(void);
void hyphenate_tests(void);
void linebreak_tests(void);
void fonts_tests(void);
void pdf_tests(void);
void typeset_tests(void);
void style_tests(void);
void util_tests(void);
void image_tests(void);
void manifest_tests(void);
void ties_tests(void);
void diag_tests(void);
void copia_tests(void);

#endif

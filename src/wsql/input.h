/*
 * input.h - where wsql's lines come from, and the prompts SQL*Plus shows.
 *
 * Lines come from the innermost script being run (@file), else from stdin.
 * On a terminal stdin is read through a line editor (readline, supplied by
 * the caller so that this module does not depend on libedit); from a pipe
 * the prompt text is written to the output before each line, as SQL*Plus
 * does, unless prompts are off (-S).  Script lines are read without
 * prompts; with SET ECHO ON they are echoed after their prompt.
 */
#ifndef WSQL_INPUT_H
#define WSQL_INPUT_H

#include <signal.h>
#include <stdio.h>

#include "common/buf.h"

/* Set by the SIGINT handler when Ctrl-C arrives while no call is running. */
extern volatile sig_atomic_t wsql_interrupted;

/* Reads one line from the terminal showing PROMPT: malloc'd, or NULL (EOF or interrupted). */
typedef char *(*input_line_editor)(const char *prompt);

typedef struct input_file {
    FILE *fp;
    char *path;
    struct input_file *parent;
} input_file;

typedef struct wsql_input {
    FILE *in; /* stdin */
    FILE *out;
    input_line_editor editor; /* non-NULL when stdin is a terminal */
    int prompts;              /* show prompts when stdin is not a terminal (no -S) */
    int echo;                 /* SET ECHO ON */
    input_file *files;        /* scripts being run, innermost first */
    buf line;
    char *edited; /* the line editor's last line */
} wsql_input;

enum input_result { INPUT_LINE, INPUT_SCRIPT_END, INPUT_EOF, INPUT_INTERRUPTED };

void input_init(wsql_input *in, FILE *stdin_fp, FILE *out, input_line_editor editor, int prompts);
void input_free(wsql_input *in);

/* Run the script at PATH next; -1 (errno set) when it cannot be opened. */
int input_push_file(wsql_input *in, const char *path);
/* Directory of the innermost script ("." when reading stdin), for @@. */
char *input_script_dir(const wsql_input *in);
/* How many scripts are being run (0 = reading stdin). */
int input_depth(const wsql_input *in);

/*
 * Next line, without its line end, into *LINE (valid until the next call).
 * INPUT_SCRIPT_END: the innermost script ended (it is closed); INPUT_EOF:
 * stdin ended; INPUT_INTERRUPTED: Ctrl-C at the prompt discarded the line.
 */
enum input_result input_next(wsql_input *in, const char *prompt, const char **line);

/* A line typed by the user (a substitution value), from stdin even inside scripts. */
char *input_ask(wsql_input *in, const char *prompt);
/* A password: not echoed on a terminal. */
char *input_ask_secret(wsql_input *in, const char *prompt);

#endif

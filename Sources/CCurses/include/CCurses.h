#ifndef FLAGTOP_CCURSES_H
#define FLAGTOP_CCURSES_H
/* A function-only face of ncursesw for Swift 6, which rejects C globals (LINES, COLS, stdscr)
   and cannot call macros (COLOR_PAIR, getmaxyx). Swift never includes curses.h itself. */

#include <stdint.h>
#include <stdbool.h>
#include <wchar.h>

/* Terminal lifecycle. */
int  flagtop_nc_start(void);          /* setlocale, initscr, raw/noecho/keypad, colours; 0 on success */
void flagtop_nc_stop(void);           /* endwin; safe to call twice */
void flagtop_nc_suspend(void);        /* endwin, stop (SIGTSTP) until continued, then curses mode again */
bool flagtop_nc_active(void);
int  flagtop_nc_lines(void);
int  flagtop_nc_cols(void);
void flagtop_nc_resize_to_terminal(void); /* re-reads the size with ioctl and calls resizeterm */

/* Colour. */
bool flagtop_nc_has_colors(void);
int  flagtop_nc_colors(void);         /* COLORS, 0 without colour */
int  flagtop_nc_color_pairs(void);
int  flagtop_nc_init_pair(int pair, int fg, int bg); /* -1 = terminal default */

/* Attributes as plain bit values. */
uint32_t flagtop_nc_attr_bold(void);
uint32_t flagtop_nc_attr_dim(void);
uint32_t flagtop_nc_attr_reverse(void);
uint32_t flagtop_nc_attr_underline(void);
uint32_t flagtop_nc_attr_italic(void);

/* Drawing: a run of wide characters at (y, x) with attributes and colour pair. */
void flagtop_nc_put(int y, int x, const wchar_t *text, int count, uint32_t attrs, int pair);
void flagtop_nc_erase(void);
void flagtop_nc_refresh(void);
void flagtop_nc_move(int y, int x);
void flagtop_nc_cursor(int visibility);

/* True when the terminal is gone (hang-up, closed pty): the app must exit instead of spinning on errors. */
bool flagtop_nc_terminal_gone(void);

/* Input. Returns 0 for a character (in *ch), 1 for a function key (in *ch), -1 for none within the timeout. */
int  flagtop_nc_read(int timeout_ms, uint32_t *ch);
int  flagtop_nc_key_resize(void);
int  flagtop_nc_key_up(void);
int  flagtop_nc_key_down(void);
int  flagtop_nc_key_left(void);
int  flagtop_nc_key_right(void);
int  flagtop_nc_key_home(void);
int  flagtop_nc_key_end(void);
int  flagtop_nc_key_ppage(void);
int  flagtop_nc_key_npage(void);
int  flagtop_nc_key_btab(void);
int  flagtop_nc_key_enter(void);
int  flagtop_nc_key_backspace(void);
int  flagtop_nc_key_dc(void);
int  flagtop_nc_key_f(int n);

#endif

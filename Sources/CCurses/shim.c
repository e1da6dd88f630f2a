#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <ncursesw/curses.h>
#include "CCurses.h"

static bool active = false;

int flagtop_nc_start(void) {
    setlocale(LC_ALL, "");
    if (getenv("ESCDELAY") == NULL) set_escdelay(25);
    if (initscr() == NULL) return -1;
    active = true;
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    curs_set(0);
    if (has_colors()) {
        start_color();
        use_default_colors();
    }
    return 0;
}

void flagtop_nc_stop(void) {
    if (!active) return;
    active = false;
    curs_set(1);
    endwin();
}

/* Ctrl-Z arrives as a key (raw mode), so the program stops itself the way the terminal would have:
 * the terminal is restored, SIGTSTP is sent with its default action (the whole process stops until the
 * shell's `fg` sends SIGCONT), then curses mode comes back at the terminal's current size. */
void flagtop_nc_suspend(void) {
    if (!active) return;
    endwin();
    struct sigaction dfl, old;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(SIGTSTP, &dfl, &old);
    sigset_t tstp, previous;
    sigemptyset(&tstp);
    sigaddset(&tstp, SIGTSTP);
    pthread_sigmask(SIG_UNBLOCK, &tstp, &previous);
    kill(getpid(), SIGTSTP);
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    sigaction(SIGTSTP, &old, NULL);
    reset_prog_mode();
    flagtop_nc_resize_to_terminal();
    clearok(curscr, TRUE);
    refresh();
}

bool flagtop_nc_active(void) { return active; }
int flagtop_nc_lines(void) { return LINES; }
int flagtop_nc_cols(void) { return COLS; }

void flagtop_nc_resize_to_terminal(void) {
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0) {
        resizeterm(ws.ws_row, ws.ws_col);
    }
}

bool flagtop_nc_has_colors(void) { return has_colors(); }
int flagtop_nc_colors(void) { return has_colors() ? COLORS : 0; }
int flagtop_nc_color_pairs(void) { return has_colors() ? COLOR_PAIRS : 0; }
int flagtop_nc_init_pair(int pair, int fg, int bg) { return init_pair((short)pair, (short)fg, (short)bg); }

uint32_t flagtop_nc_attr_bold(void) { return (uint32_t)A_BOLD; }
uint32_t flagtop_nc_attr_dim(void) { return (uint32_t)A_DIM; }
uint32_t flagtop_nc_attr_reverse(void) { return (uint32_t)A_REVERSE; }
uint32_t flagtop_nc_attr_underline(void) { return (uint32_t)A_UNDERLINE; }
uint32_t flagtop_nc_attr_italic(void) { return (uint32_t)A_ITALIC; }

void flagtop_nc_put(int y, int x, const wchar_t *text, int count, uint32_t attrs, int pair) {
    if (y < 0 || x < 0 || y >= LINES || x >= COLS) return;
    attr_set((attr_t)attrs, (short)pair, NULL);
    mvaddnwstr(y, x, text, count);
    attr_set(A_NORMAL, 0, NULL);
}

void flagtop_nc_erase(void) { erase(); }
void flagtop_nc_refresh(void) { refresh(); }
void flagtop_nc_move(int y, int x) { move(y, x); }
void flagtop_nc_cursor(int visibility) { curs_set(visibility); }

bool flagtop_nc_terminal_gone(void) {
    struct pollfd fds[1] = {{ .fd = STDIN_FILENO, .events = POLLIN, .revents = 0 }};
    if (poll(fds, 1, 0) < 0) return false;
    if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL)) return true;
    return !isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO);
}

int flagtop_nc_read(int timeout_ms, uint32_t *ch) {
    wint_t w = 0;
    timeout(timeout_ms);
    int status = get_wch(&w);
    if (status == ERR) return -1;
    *ch = (uint32_t)w;
    return status == KEY_CODE_YES ? 1 : 0;
}

int flagtop_nc_key_resize(void) { return KEY_RESIZE; }
int flagtop_nc_key_up(void) { return KEY_UP; }
int flagtop_nc_key_down(void) { return KEY_DOWN; }
int flagtop_nc_key_left(void) { return KEY_LEFT; }
int flagtop_nc_key_right(void) { return KEY_RIGHT; }
int flagtop_nc_key_home(void) { return KEY_HOME; }
int flagtop_nc_key_end(void) { return KEY_END; }
int flagtop_nc_key_ppage(void) { return KEY_PPAGE; }
int flagtop_nc_key_npage(void) { return KEY_NPAGE; }
int flagtop_nc_key_btab(void) { return KEY_BTAB; }
int flagtop_nc_key_enter(void) { return KEY_ENTER; }
int flagtop_nc_key_backspace(void) { return KEY_BACKSPACE; }
int flagtop_nc_key_dc(void) { return KEY_DC; }
int flagtop_nc_key_f(int n) { return KEY_F(n); }

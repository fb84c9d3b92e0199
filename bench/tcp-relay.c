/* The floor of one extra hop (npm run bench:floor): an epoll TCP relay that copies bytes between
 * each client connection and a connection to 127.0.0.1:<upstream port>. No HTTP parsing.
 * Usage: tcp-relay <listen port> <upstream port>. Built by bench/hop-floor.ts when `cc` exists. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAXFD 65536
static int peer[MAXFD];

static void prepare(int fd) {
  int one = 1;
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

static void watch(int ep, int fd) {
  struct epoll_event ev = {.events = EPOLLIN, .data.fd = fd};
  epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}

int main(int argc, char **argv) {
  if (argc != 3) return 2;
  struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  int one = 1, ls = socket(AF_INET, SOCK_STREAM, 0);
  setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  addr.sin_port = htons(atoi(argv[1]));
  if (bind(ls, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(ls, 512) < 0) {
    perror("tcp-relay");
    return 1;
  }
  fcntl(ls, F_SETFL, O_NONBLOCK);
  struct sockaddr_in up = addr;
  up.sin_port = htons(atoi(argv[2]));
  int ep = epoll_create1(0);
  watch(ep, ls);
  struct epoll_event events[256];
  static char buf[65536];
  for (;;) {
    int n = epoll_wait(ep, events, 256, -1);
    for (int i = 0; i < n; i++) {
      int fd = events[i].data.fd;
      if (fd == ls) {
        int c;
        while ((c = accept(ls, NULL, NULL)) >= 0) {
          int u = socket(AF_INET, SOCK_STREAM, 0);
          if (c >= MAXFD || u >= MAXFD || connect(u, (struct sockaddr *)&up, sizeof up) < 0) {
            close(c);
            close(u);
            continue;
          }
          prepare(c);
          prepare(u);
          peer[c] = u;
          peer[u] = c;
          watch(ep, c);
          watch(ep, u);
        }
        continue;
      }
      for (;;) {
        ssize_t r = read(fd, buf, sizeof buf);
        if (r > 0) {
          for (ssize_t off = 0; off < r;) {
            ssize_t w = write(peer[fd], buf + off, r - off);
            if (w > 0) off += w;
            else if (w < 0 && errno != EAGAIN) break;
          }
          continue;
        }
        if (r == 0 || errno != EAGAIN) {
          close(peer[fd]);
          close(fd);
        }
        break;
      }
    }
  }
}

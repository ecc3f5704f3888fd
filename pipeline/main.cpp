#include <malloc.h>

#include "pipeline/cli.hpp"

int main(int argc, char** argv) {
  // zlib allocates and frees about 300 KB, in blocks of up to 128 KB, for every part of every
  // DOCX it compresses. With glibc's defaults that memory went back to the kernel each time
  // and was faulted in again, zeroed: 22 brk calls and hundreds of page faults per document,
  // more system time than the whole conversion of a small file. Serve blocks under 1 MB from
  // the heap and keep up to 64 MB of freed heap for reuse instead.
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  return docpipe::run_cli(argc, argv);
}

// Google Benchmark of each stage of the per-document run (issue 7), on the samples.
//
// Every benchmark reports bytes/s of *input text* (the sample files' bytes), whatever the
// stage consumes, so the figures of all stages add up: 1 / sum(1 / rate) is the rate of
// the whole run on one core, before file I/O.
//
// The argument chooses the corpus:
//   0   the five samples, each its own document (128 KB in all)
//   N   one document: the five samples concatenated N times (N × 128 KB), to show that
//       each stage's time is linear in the input's size
//
// Run: build-bench/bench/bench_stages [--benchmark_filter=clean] [--benchmark_min_time=1s]
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "stages/clean.hpp"
#include "stages/decode.hpp"
#include "stages/detect.hpp"
#include "stages/model.hpp"
#include "stages/validate.hpp"
#include "stages/write_docx.hpp"
#include "stages/write_html.hpp"
#include "stages/write_markdown.hpp"
#include "stages/write_xml.hpp"

namespace {

namespace fs = std::filesystem;
using namespace docpipe;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::vector<std::string> read_samples() {
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(fs::path(DOCPIPE_SOURCE_DIR) / "samples")) {
    if (entry.path().extension() == ".txt") paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> samples;
  for (const auto& path : paths) samples.push_back(read_file(path));
  return samples;
}

const std::vector<std::string>& samples() {
  static const std::vector<std::string> all = read_samples();
  return all;
}

// The inputs of one corpus (see the argument above).
std::vector<std::string> corpus(int64_t replication) {
  if (replication == 0) return samples();
  std::string one;
  for (int64_t k = 0; k < replication; ++k) {
    for (const auto& sample : samples()) {
      one += sample;
      if (!one.empty() && one.back() != '\n') one += '\n';
      one += '\n';
    }
  }
  return {one};
}

std::size_t total_size(const std::vector<std::string>& inputs) {
  std::size_t bytes = 0;
  for (const auto& input : inputs) bytes += input.size();
  return bytes;
}

const NoiseRules& rules() {
  static const NoiseRules builtin = NoiseRules::builtin();
  return builtin;
}

const ModelValidator& validator() {
  static const ModelValidator compiled;
  return compiled;
}

// Each stage's input, computed once per corpus (outside the timed loop).
struct Prepared {
  std::vector<std::string> raw;
  std::vector<DecodedText> decoded;
  std::vector<CleanText> cleaned;
  std::vector<DocumentStructure> structures;
  std::vector<std::unique_ptr<pugi::xml_document>> models;
  std::size_t bytes = 0;
};

const Prepared& prepared(int64_t replication) {
  static std::map<int64_t, std::unique_ptr<Prepared>> cache;
  auto& slot = cache[replication];
  if (!slot) {
    slot = std::make_unique<Prepared>();
    slot->raw = corpus(replication);
    slot->bytes = total_size(slot->raw);
    for (const auto& raw : slot->raw) {
      slot->decoded.push_back(decode(raw, {}));
      slot->cleaned.push_back(clean(slot->decoded.back(), rules()));
      slot->structures.push_back(detect(slot->cleaned.back()));
      slot->models.push_back(build_model(slot->structures.back(), {"bench.txt", "UTF-8"}));
    }
  }
  return *slot;
}

void report(benchmark::State& state, const Prepared& p) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(p.bytes));
  state.counters["input_bytes"] = static_cast<double>(p.bytes);
}

void BM_decode(benchmark::State& state) {
  const Prepared& p = prepared(state.range(0));
  for (auto _ : state) {
    for (const auto& raw : p.raw) benchmark::DoNotOptimize(decode(raw, {}));
  }
  report(state, p);
}

void BM_clean(benchmark::State& state) {
  const Prepared& p = prepared(state.range(0));
  for (auto _ : state) {
    for (const auto& decoded : p.decoded) benchmark::DoNotOptimize(clean(decoded, rules()));
  }
  report(state, p);
}

void BM_detect(benchmark::State& state) {
  const Prepared& p = prepared(state.range(0));
  for (auto _ : state) {
    for (const auto& cleaned : p.cleaned) benchmark::DoNotOptimize(detect(cleaned));
  }
  report(state, p);
}

void BM_model(benchmark::State& state) {
  const Prepared& p = prepared(state.range(0));
  for (auto _ : state) {
    for (const auto& structure : p.structures) {
      benchmark::DoNotOptimize(build_model(structure, {"bench.txt", "UTF-8"}));
    }
  }
  report(state, p);
}

void BM_validate(benchmark::State& state) {
  const Prepared& p = prepared(state.range(0));
  for (auto _ : state) {
    for (const auto& model : p.models) {
      const ValidationResult result = validator().validate(*model);
      if (!result.valid) state.SkipWithError("the model is not valid");
      benchmark::DoNotOptimize(result);
    }
  }
  report(state, p);
}

void BM_model_validate(benchmark::State& state) {
  const Prepared& p = prepared(state.range(0));
  for (auto _ : state) {
    for (const auto& structure : p.structures) {
      const auto model = build_model(structure, {"bench.txt", "UTF-8"});
      benchmark::DoNotOptimize(validator().validate(*model));
    }
  }
  report(state, p);
}

void BM_write_docx(benchmark::State& state) {
  const Prepared& p = prepared(state.range(0));
  DocxOptions options;
  options.zip_level = static_cast<int>(state.range(1));
  std::size_t out = 0;
  for (auto _ : state) {
    out = 0;
    for (const auto& model : p.models) out += write_docx(*model, options).size();
  }
  report(state, p);
  state.counters["output_bytes"] = static_cast<double>(out);
}

void BM_write_html(benchmark::State& state) {
  const Prepared& p = prepared(state.range(0));
  for (auto _ : state) {
    for (const auto& model : p.models) benchmark::DoNotOptimize(write_html(*model, {}));
  }
  report(state, p);
}

void BM_write_markdown(benchmark::State& state) {
  const Prepared& p = prepared(state.range(0));
  for (auto _ : state) {
    for (const auto& model : p.models) benchmark::DoNotOptimize(write_markdown(*model, {}));
  }
  report(state, p);
}

void BM_write_xml(benchmark::State& state) {
  const Prepared& p = prepared(state.range(0));
  for (auto _ : state) {
    for (const auto& model : p.models) benchmark::DoNotOptimize(write_xml(*model));
  }
  report(state, p);
}

// Corpus arguments: the samples as they are, and one document of 1 MB and 8 MB.
void corpora(benchmark::internal::Benchmark* b) {
  for (int64_t n : {0, 8, 64}) b->Arg(n);
  b->Unit(benchmark::kMillisecond);
}

// DOCX: every zip level worth comparing, on the samples and on the 1 MB document.
void docx_levels(benchmark::internal::Benchmark* b) {
  for (int64_t n : {0, 8}) {
    for (int64_t level : {-1, 0, 1, 3, 6, 9}) b->Args({n, level});
  }
  b->ArgNames({"corpus", "zip_level"});
  b->Unit(benchmark::kMillisecond);
}

BENCHMARK(BM_decode)->Apply(corpora);
BENCHMARK(BM_clean)->Apply(corpora);
BENCHMARK(BM_detect)->Apply(corpora);
BENCHMARK(BM_model)->Apply(corpora);
BENCHMARK(BM_validate)->Apply(corpora);
BENCHMARK(BM_model_validate)->Apply(corpora);
BENCHMARK(BM_write_docx)->Apply(docx_levels);
BENCHMARK(BM_write_html)->Apply(corpora);
BENCHMARK(BM_write_markdown)->Apply(corpora);
BENCHMARK(BM_write_xml)->Apply(corpora);

}  // namespace

BENCHMARK_MAIN();

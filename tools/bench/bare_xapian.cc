#include "tools/bench/bare_xapian.h"

#include <xapian.h>

namespace holdfast::tools::bench {

struct BareXapian::Impl {
  Xapian::WritableDatabase db;
  Xapian::TermGenerator generator;
  Xapian::QueryParser parser;
};

BareXapian::BareXapian(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BareXapian::~BareXapian() = default;
BareXapian::BareXapian(BareXapian&&) noexcept = default;

tl::expected<BareXapian, std::string> BareXapian::Create(const std::string& dir) {
  try {
    auto impl = std::make_unique<Impl>();
    impl->db = Xapian::WritableDatabase(dir, Xapian::DB_CREATE_OR_OVERWRITE);
    impl->generator.set_stemmer(Xapian::Stem("en"));
    impl->parser.set_stemmer(Xapian::Stem("en"));
    impl->parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    impl->parser.set_database(impl->db);
    return BareXapian(std::move(impl));
  } catch (const Xapian::Error& e) {
    return tl::unexpected("bare Xapian: " + e.get_msg());
  }
}

tl::expected<void, std::string> BareXapian::Add(const BenchPost& post) {
  try {
    Xapian::Document doc;
    impl_->generator.set_document(doc);
    impl_->generator.index_text(post.text);
    doc.add_boolean_term("XA" + post.author);
    doc.add_boolean_term("XC" + post.channel);
    doc.add_value(0, Xapian::sortable_serialise(static_cast<double>(post.time_us)));
    doc.set_data(post.id);
    impl_->db.add_document(doc);
    return {};
  } catch (const Xapian::Error& e) {
    return tl::unexpected("bare Xapian: " + e.get_msg());
  }
}

tl::expected<void, std::string> BareXapian::Commit() {
  try {
    impl_->db.commit();
    return {};
  } catch (const Xapian::Error& e) {
    return tl::unexpected("bare Xapian: " + e.get_msg());
  }
}

tl::expected<size_t, std::string> BareXapian::Search(const std::string& query) {
  try {
    Xapian::Enquire enquire(impl_->db);
    enquire.set_query(impl_->parser.parse_query(
        query, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PHRASE));
    const Xapian::MSet mset = enquire.get_mset(0, 20);
    size_t data = 0;
    for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
      data += it.get_document().get_data().size();  // as a search page reads each hit
    }
    return data;
  } catch (const Xapian::Error& e) {
    return tl::unexpected("bare Xapian: " + e.get_msg());
  }
}

}  // namespace holdfast::tools::bench

// The wire format and the login's cryptography, against the standards' own test vectors.
#include <orchard/service/detail/sha256.hpp>
#include <orchard/service/protocol.hpp>

#include <catch2/catch.hpp>

using namespace orchard;

TEST_CASE("frames round-trip through encode and decode") {
    const frame f{frame_type::send, {"id-1", "counter", "3", "", std::string("a\0b", 3)}};
    const std::string wire = encode(f);
    CHECK(read_u32(wire.data()) == wire.size() - frame_header_size);
    const frame back = decode(std::string_view(wire).substr(frame_header_size));
    CHECK(back.type == frame_type::send);
    CHECK(back.fields == f.fields);
}

TEST_CASE("decode says what is wrong with a malformed frame") {
    CHECK_THROWS_WITH(decode(""), "malformed frame: it is empty");
    CHECK_THROWS_WITH(decode(std::string(1, char(99))), "malformed frame: unknown type 99");
    CHECK_THROWS_WITH(decode(std::string("\x02\0\0", 3)), "malformed frame: a field length is cut short");
    CHECK_THROWS_AS(decode(std::string("\x02\0\0\0\x05"
                                       "ab",
                                       7)),
                    protocol_error);
}

TEST_CASE("SHA-256 matches FIPS 180-4's examples") {
    using detail::sha256;
    using detail::to_hex;
    CHECK(to_hex(sha256::of("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(to_hex(sha256::of("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(to_hex(sha256::of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    detail::sha256 million;
    const std::string a(1000, 'a');
    for (int i = 0; i < 1000; ++i) million.update(a);
    CHECK(to_hex(million.finish()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("HMAC-SHA-256 matches RFC 4231's test cases") {
    using detail::hmac_sha256;
    using detail::to_hex;
    CHECK(to_hex(hmac_sha256(std::string(20, '\x0b'), "Hi There")) ==
          "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    CHECK(to_hex(hmac_sha256("Jefe", "what do ya want for nothing?")) ==
          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    // Case 6: a key longer than the block size is hashed first.
    CHECK(to_hex(hmac_sha256(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First")) ==
          "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST_CASE("constant-time comparison tells equal from different") {
    CHECK(detail::equal_in_constant_time("abcd", "abcd", 4));
    CHECK_FALSE(detail::equal_in_constant_time("abcd", "abce", 4));
}

// Reflecting something that is not a struct.
#include <orchard/reflect.hpp>

int main() { return static_cast<int>(orchard::reflect::field_count<int>); }

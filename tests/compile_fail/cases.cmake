# Promises made at compile time: each file must fail to compile with our `orchard:` message.
orchard_compile_fail(reflect_base_class reflect_base_class.cpp "orchard: this struct has a base class")
orchard_compile_fail(reflect_c_array reflect_c_array.cpp "orchard: this struct has a C array field")
orchard_compile_fail(reflect_bit_field reflect_bit_field.cpp "orchard: this struct has a bit-field")
orchard_compile_fail(reflect_reference reflect_reference.cpp "orchard: this struct has a reference field")
orchard_compile_fail(params_not_aggregate params_not_aggregate.cpp "orchard: this type is not an aggregate")
orchard_compile_fail(params_unsupported_field params_unsupported_field.cpp "orchard: a field of this parameter struct has a type that is neither a value")
orchard_compile_fail(params_help_unknown_field params_help_unknown_field.cpp "orchard: the struct's `help` table names a field that the struct does not have")

# Promises made at compile time: each file must fail to compile with our `orchard:` message.
orchard_compile_fail(reflect_base_class reflect_base_class.cpp "orchard: this struct has a base class")
orchard_compile_fail(reflect_c_array reflect_c_array.cpp "orchard: this struct has a C array field")
orchard_compile_fail(reflect_bit_field reflect_bit_field.cpp "orchard: this struct has a bit-field")
orchard_compile_fail(reflect_reference reflect_reference.cpp "orchard: this struct has a reference field")
orchard_compile_fail(params_not_aggregate params_not_aggregate.cpp "orchard: this type is not an aggregate")
orchard_compile_fail(params_unsupported_field params_unsupported_field.cpp "orchard: a field of this parameter struct has a type that is neither a value")
orchard_compile_fail(params_help_unknown_field params_help_unknown_field.cpp "orchard: the struct's `help` table names a field that the struct does not have")
# plugin/: the plugin's name and what it lacks appear in the error too
orchard_compile_fail(plugin_missing_schedule plugin_missing_schedule.cpp
  "orchard: a plugin lacks something its role requires" "plugin_error<.*\"gke\".*\"bool schedule\\(const Job&\\)\"")
orchard_compile_fail(plugin_duplicate_name plugin_duplicate_name.cpp
  "orchard: two plugins of one registry have the same name" "duplicate_plugin_name<.*\"mock\"")
orchard_compile_fail(plugin_without_params plugin_without_params.cpp
  "orchard: a plugin lacks something its role requires" "plugin_error<.*\"local\".*\"using params_type = ")

# Promises made at compile time: each file must fail to compile with our `orchard:` message.
orchard_compile_fail(reflect_base_class reflect_base_class.cpp "orchard: this struct has a base class")
orchard_compile_fail(reflect_c_array reflect_c_array.cpp "orchard: this struct has a C array field")
orchard_compile_fail(reflect_bit_field reflect_bit_field.cpp "orchard: this struct has a bit-field")
orchard_compile_fail(reflect_reference reflect_reference.cpp "orchard: this struct has a reference field")
orchard_compile_fail(params_not_aggregate params_not_aggregate.cpp "orchard: this type is not an aggregate")
orchard_compile_fail(params_unsupported_field params_unsupported_field.cpp "orchard: a field of this parameter struct has a type that is neither a value")
orchard_compile_fail(params_help_unknown_field params_help_unknown_field.cpp "orchard: the struct's `help` table names a field that the struct does not have")
# queue/
orchard_compile_fail(queue_no_priority_member queue_no_priority_member.cpp
  "orchard: the queue reads each element's priority from a data member named 'priority'")
orchard_compile_fail(queue_bucket_constant_out_of_range queue_bucket_constant_out_of_range.cpp
  "orchard: this constant priority is outside the bucket_queue's levels")
orchard_compile_fail(queue_unknown_policy queue_unknown_policy.cpp
  "orchard: priority_queue<T, Policies...> was given a type that is not one of its policies")
orchard_compile_fail(queue_duplicate_policy queue_duplicate_policy.cpp
  "orchard: the queue was given two arity<D> policies")
orchard_compile_fail(queue_bucket_arity queue_bucket_arity.cpp
  "orchard: bucket_queue<T, Levels, Policies...> is not a heap and takes no arity<D>")
orchard_compile_fail(queue_bucket_non_integer queue_bucket_non_integer.cpp
  "orchard: bucket_queue needs integer")
orchard_compile_fail(queue_update_computed_priority queue_update_computed_priority.cpp
  "orchard: update.handle, priority. writes the new priority into the element")
# plugin/: the plugin's name and what it lacks appear in the error too
orchard_compile_fail(plugin_missing_schedule plugin_missing_schedule.cpp
  "orchard: a plugin lacks something its role requires" "plugin_error<.*\"gke\".*\"bool schedule\\(const Job&\\)\"")
orchard_compile_fail(plugin_duplicate_name plugin_duplicate_name.cpp
  "orchard: two plugins of one registry have the same name" "duplicate_plugin_name<.*\"mock\"")
orchard_compile_fail(plugin_without_params plugin_without_params.cpp
  "orchard: a plugin lacks something its role requires" "plugin_error<.*\"local\".*\"using params_type = ")
# service/app: the plugin's and the command's (or the repeated alias's) names appear in the error too
orchard_compile_fail(app_bad_command_signature app_bad_command_signature.cpp
  "orchard: a command of an app plugin must be a member function int \\(P::\\*\\)\\(const Args&\\)"
  "bad_command_signature<.*\"hello-world\".*\"send\"")
orchard_compile_fail(app_duplicate_alias app_duplicate_alias.cpp
  "orchard: a name or alias is taken twice in one app"
  "duplicate_app_name<.*\"hw\".*\"hardware\"")

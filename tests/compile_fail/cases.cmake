# Promises made at compile time: each file must fail to compile with our `orchard:` message.
orchard_compile_fail(reflect_base_class reflect_base_class.cpp "orchard: this struct has a base class")
orchard_compile_fail(reflect_c_array reflect_c_array.cpp "orchard: this struct has a C array field")
orchard_compile_fail(reflect_bit_field reflect_bit_field.cpp "orchard: this struct has a bit-field")
orchard_compile_fail(reflect_reference reflect_reference.cpp "orchard: this struct has a reference field")
orchard_compile_fail(params_not_aggregate params_not_aggregate.cpp "orchard: this type is not an aggregate")
orchard_compile_fail(params_unsupported_field params_unsupported_field.cpp "orchard: a field of this parameter struct has a type that is neither a value")
orchard_compile_fail(params_help_unknown_field params_help_unknown_field.cpp ONE_ERROR
  "orchard: the struct's `help` table has an entry for a field the struct does not have"
  "help_entry_names_no_field<.*\"max_node\".*params ?>")
# queue/
orchard_compile_fail(queue_no_priority_member queue_no_priority_member.cpp
  "orchard: the queue reads each element's priority from a data member named 'priority'")
orchard_compile_fail(queue_bucket_constant_out_of_range queue_bucket_constant_out_of_range.cpp
  "orchard: this constant priority is outside the bucket_queue's levels")
orchard_compile_fail(queue_unknown_policy queue_unknown_policy.cpp ONE_ERROR
  "orchard: priority_queue<T, Policies...> takes at most one of each: arity<D>"
  "heap_policy_error<orchard::policy_problem::not_accepted, fast ?>")
orchard_compile_fail(queue_duplicate_policy queue_duplicate_policy.cpp ONE_ERROR
  "orchard: priority_queue<T, Policies...> takes at most one of each"
  "heap_policy_error<orchard::policy_problem::repeated, orchard::arity<8> ?>")
orchard_compile_fail(queue_bucket_arity queue_bucket_arity.cpp ONE_ERROR
  "orchard: bucket_queue<T, Levels, Policies...> takes at most one of each.*It is not a heap and takes no arity<D>"
  "bucket_policy_error<orchard::policy_problem::not_accepted, orchard::arity<4> ?>")
orchard_compile_fail(queue_bucket_non_integer queue_bucket_non_integer.cpp
  "orchard: bucket_queue needs integer")
orchard_compile_fail(queue_update_computed_priority queue_update_computed_priority.cpp
  "orchard: update.handle, priority. writes the new priority into the element")
# manage/: policies, and hooks whose names say what they are for but whose signatures do not fit
orchard_compile_fail(manage_unknown_policy manage_unknown_policy.cpp ONE_ERROR
  "orchard: manager<Petition, Policies...> takes at most one of each: manager_heap<QueuePolicies...>"
  "manager_policy_error<orchard::policy_problem::not_accepted, orchard::max_running<2> ?>")
orchard_compile_fail(manage_duplicate_policy manage_duplicate_policy.cpp ONE_ERROR
  "orchard: manager<Petition, Policies...> takes at most one of each"
  "manager_policy_error<orchard::policy_problem::repeated, orchard::manager_heap<> ?>")
orchard_compile_fail(manage_can_start_signature manage_can_start_signature.cpp ONE_ERROR
  "orchard: the manager's hooks have a member named can_start, but the manager calls bool can_start\\(const Petition&, const orchard::manager_view&\\)"
  "wrong_can_start<hooks>")
orchard_compile_fail(manage_on_finish_signature manage_on_finish_signature.cpp ONE_ERROR
  "orchard: the manager's hooks have a member named on_finish, but the manager calls void on_finish\\(const Petition&, const orchard::outcome&\\)"
  "wrong_on_finish<hooks>")
orchard_compile_fail(manage_convert_returns_petition manage_convert_returns_petition.cpp ONE_ERROR
  "orchard: the manager's hooks have a member named convert, but the manager calls std::optional<Petition> convert"
  "wrong_convert<hooks>")
orchard_compile_fail(manage_claim_without_release manage_claim_without_release.cpp ONE_ERROR
  "orchard: the manager's hooks have claim\\(\\) but no release\\(\\)" "claim_without_release<hooks>")
orchard_compile_fail(manage_command_with_threads manage_command_with_threads.cpp ONE_ERROR
  "orchard: the manager's hooks have command\\(\\), which only a manager with process_executor calls"
  "command_without_process_executor<hooks>")
# plugin/: the plugin's name and what it lacks appear in the error too
orchard_compile_fail(plugin_missing_schedule plugin_missing_schedule.cpp ONE_ERROR
  "orchard: a plugin lacks something its role requires" "plugin_error<.*\"gke\".*\"bool schedule\\(const Job&\\)\"")
orchard_compile_fail(plugin_duplicate_name plugin_duplicate_name.cpp ONE_ERROR
  "orchard: a name or alias is taken twice in one registry" "duplicate_plugin_name<.*\"mock\"")
orchard_compile_fail(plugin_params_not_aggregate plugin_params_not_aggregate.cpp ONE_ERROR
  "orchard: a plugin lacks something its role requires" "plugin_error<.*\"local\".*\"params_type: an aggregate\"")
# burst/: optional members whose names say what they are for, and the client's policies
orchard_compile_fail(burst_validate_signature burst_validate_signature.cpp ONE_ERROR
  "orchard: a plugin has a member named validate, but Orchard calls orchard::verdict validate\\(\\) const" "wrong_validate<gke>")
orchard_compile_fail(burst_cleanup_signature burst_cleanup_signature.cpp ONE_ERROR
  "orchard: a plugin has a member named cleanup, but Orchard calls void cleanup\\(\\)" "wrong_cleanup<gke>")
orchard_compile_fail(burst_duplicate_policy burst_duplicate_policy.cpp ONE_ERROR
  "orchard: burst_client<Job, registry<...>, Policies...> takes at most one of each"
  "burst_policy_error<orchard::policy_problem::repeated, orchard::job_selection<orchard::select_burstable> ?>")
# service/app: the plugin's and the command's (or the repeated alias's) names appear in the error too
orchard_compile_fail(app_bad_command_signature app_bad_command_signature.cpp ONE_ERROR
  "orchard: a command of an app plugin must be a member function int \\(P::\\*\\)\\(const Args&\\)"
  "bad_command_signature<.*\"hello-world\".*\"send\"")
orchard_compile_fail(app_duplicate_alias app_duplicate_alias.cpp ONE_ERROR
  "orchard: a name or alias is taken twice in one registry"
  "duplicate_plugin_name<.*\"hw\".*hardware ?>")
orchard_compile_fail(app_reserved_ls app_reserved_ls.cpp ONE_ERROR
  "orchard: a plugin of an app is called \\(or aliased\\) \"ls\"" "app_reserved_name<.*\"lister\".*lister ?>")
orchard_compile_fail(burst_job_lacks_nodes burst_job_lacks_nodes.cpp ONE_ERROR
  "orchard: a plugin needs a field of the job that the job type does not give"
  "job_lacks_field<.*\"local\".*\"nodes\".*job ?>")

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
# The rest of the compile-time promises, one case each.
orchard_compile_fail(reflect_not_a_class reflect_not_a_class.cpp ONE_ERROR "orchard: reflection needs a struct")
orchard_compile_fail(params_wrapped_non_value params_wrapped_non_value.cpp
  "orchard: a marked field \\(required, secret, positional, std::optional\\) wraps a type that is not a value")
orchard_compile_fail(params_not_a_source params_not_a_source.cpp ONE_ERROR
  "orchard: every argument of bind after the struct type must be a parameter source")
orchard_compile_fail(params_enum_out_of_range params_enum_out_of_range.cpp
  "orchard: no enumerator of this enum was found in the scanned range")
orchard_compile_fail(queue_arity_out_of_range queue_arity_out_of_range.cpp ONE_ERROR "orchard: arity<D> needs 2 <= D <= 64")
orchard_compile_fail(queue_priority_member_not_data queue_priority_member_not_data.cpp ONE_ERROR
  "orchard: priority_member<M> takes a pointer to a data member")
orchard_compile_fail(queue_priority_member_other_class queue_priority_member_other_class.cpp ONE_ERROR
  "orchard: priority_member<&C::member> names a member of a class that is not the queue's element type")
orchard_compile_fail(queue_priority_key_stateful queue_priority_key_stateful.cpp ONE_ERROR
  "orchard: priority_key<F> needs a stateless, default-constructible key function type")
orchard_compile_fail(queue_priority_key_not_callable queue_priority_key_not_callable.cpp ONE_ERROR
  "orchard: priority_key<F> needs F\\{\\}\\(element\\) to be callable with a const element")
orchard_compile_fail(queue_priority_not_trivially_copyable queue_priority_not_trivially_copyable.cpp
  "orchard: priority_queue keeps a copy of each priority next to its heap entry, so the priority type must be trivially copyable")
orchard_compile_fail(queue_bucket_levels_out_of_range queue_bucket_levels_out_of_range.cpp
  "orchard: bucket_queue<T, Levels> supports 1 to 4096 levels")
orchard_compile_fail(queue_bucket_custom_compare queue_bucket_custom_compare.cpp ONE_ERROR
  "orchard: bucket_queue orders its levels by number")
orchard_compile_fail(queue_throwing_destructor queue_throwing_destructor.cpp ONE_ERROR
  "orchard: priority_queue<T> needs a T whose destructor does not throw")
orchard_compile_fail(registry_visit_different_results registry_visit_different_results.cpp
  "orchard: registry::visit\\(name, f\\) needs f to return the same type for every plugin")
orchard_compile_fail(burst_job_without_burstable burst_job_without_burstable.cpp ONE_ERROR
  "orchard: the default job selection reads `job.burstable`")
orchard_compile_fail(manage_max_running_zero manage_max_running_zero.cpp "orchard: max_running<N> needs N > 0")
orchard_compile_fail(manage_limit_not_predicate manage_limit_not_predicate.cpp ONE_ERROR
  "orchard: manager_limit<L> needs a default-constructible predicate")
orchard_compile_fail(manage_not_an_executor manage_not_an_executor.cpp ONE_ERROR
  "orchard: manager_executor<E> takes an executor" "wrong_executor<fast>")
orchard_compile_fail(manage_petition_without_id manage_petition_without_id.cpp
  "orchard: a petition needs an `id` member convertible to std::string_view")
orchard_compile_fail(manage_claim_signature manage_claim_signature.cpp ONE_ERROR
  "orchard: the manager's hooks have a member named claim, but the manager calls bool claim" "wrong_claim<hooks>")
orchard_compile_fail(manage_release_without_claim manage_release_without_claim.cpp ONE_ERROR
  "orchard: the manager's hooks have release\\(\\) but no claim\\(\\)" "release_without_claim<hooks>")
orchard_compile_fail(manage_on_start_signature manage_on_start_signature.cpp ONE_ERROR
  "orchard: the manager's hooks have a member named on_start" "wrong_on_start<hooks>")
orchard_compile_fail(manage_run_signature manage_run_signature.cpp ONE_ERROR
  "orchard: the manager's hooks have a member named run, but a manager with thread_executor calls int run" "wrong_run<hooks>")
orchard_compile_fail(manage_missing_run manage_missing_run.cpp ONE_ERROR
  "orchard: a manager with thread_executor \\(the default\\) runs int run" "missing_run<hooks>")
orchard_compile_fail(manage_command_signature manage_command_signature.cpp ONE_ERROR
  "orchard: the manager's hooks have a member named command" "wrong_command<hooks>")
orchard_compile_fail(manage_run_with_processes manage_run_with_processes.cpp ONE_ERROR
  "orchard: the manager's hooks have run\\(\\), which only a manager with thread_executor calls" "run_without_thread_executor<hooks>")
orchard_compile_fail(app_duplicate_command app_duplicate_command.cpp ONE_ERROR
  "orchard: two commands of one app plugin have the same name" "duplicate_command_name<.*\"tool\".*\"run\"")
orchard_compile_fail(app_without_summary app_without_summary.cpp ONE_ERROR
  "orchard: a plugin lacks something its role requires" "plugin_error<.*\"tool\".*\"std::string_view summary\"")
orchard_compile_fail(params_not_default_constructible params_not_default_constructible.cpp
  "orchard: a parameter struct must be default-constructible: defaults come from P\\{\\}")
orchard_compile_fail(reflect_too_many_fields reflect_too_many_fields.cpp ONE_ERROR "orchard: this struct has more than 64 fields")
orchard_compile_fail(app_without_plugins app_without_plugins.cpp "orchard: app<Plugins...> needs at least one plugin")
orchard_compile_fail(manage_petition_without_priority manage_petition_without_priority.cpp ONE_ERROR
  "orchard: a petition needs an integer `priority` member")
orchard_compile_fail(queue_element_not_object queue_element_not_object.cpp ONE_ERROR
  "orchard: priority_queue<T> holds objects: T must be a non-const, non-array object type")
orchard_compile_fail(queue_element_not_movable queue_element_not_movable.cpp ONE_ERROR
  "orchard: bucket_queue<T, Levels>::pop\\(\\) returns the element by value, so T must be movable or copyable")
orchard_compile_fail(queue_priority_not_comparable queue_priority_not_comparable.cpp
  "orchard: the queue's comparator cannot compare two priorities")
orchard_compile_fail(queue_compare_not_default_constructible queue_compare_not_default_constructible.cpp
  "orchard: compare<C> needs a default-constructible \\(stateless\\) comparator type")
orchard_compile_fail(burst_selection_not_default_constructible burst_selection_not_default_constructible.cpp ONE_ERROR
  "orchard: job_selection<S> needs a default-constructible callable type S")
orchard_compile_fail(burst_order_not_default_constructible burst_order_not_default_constructible.cpp ONE_ERROR
  "orchard: plugin_order<O> needs a default-constructible callable type O")
orchard_compile_fail(burst_unburst_signature burst_unburst_signature.cpp ONE_ERROR
  "orchard: a plugin has a member named unburst, but Orchard calls void unburst\\(\\)" "wrong_unburst<gke>")
orchard_compile_fail(plugin_aliases_not_names plugin_aliases_not_names.cpp ONE_ERROR
  "orchard: a plugin has a member named aliases" "wrong_aliases<gke>")

// Two job selections for one burst client: the second is named in the error (the first used to win silently).
#include <orchard/burst.hpp>

struct job {
    bool burstable = true;
};

int main() {
    orchard::burst_client<job, orchard::registry<orchard::mock_plugin>, orchard::job_selection<orchard::select_all>,
                          orchard::job_selection<orchard::select_burstable>>
        client;
    client.load("mock");
}

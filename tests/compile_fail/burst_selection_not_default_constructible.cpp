// A job selection the client cannot make.
#include <orchard/burst.hpp>

struct job {
    bool burstable = true;
};
struct only_above {
    explicit only_above(int n) : n(n) {}
    bool operator()(const job&) const { return n > 0; }
    int n;
};

int main() {
    orchard::burst_client<job, orchard::registry<orchard::mock_plugin>, orchard::job_selection<only_above>> client;
    client.load("mock");
}

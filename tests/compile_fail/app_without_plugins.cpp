// An app with nothing to run.
#include <orchard/service/app.hpp>

int main(int argc, char** argv) { return orchard::app<>({.name = "empty"}).run(argc, argv); }

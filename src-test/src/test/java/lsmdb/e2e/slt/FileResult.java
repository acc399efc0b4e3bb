package lsmdb.e2e.slt;

import java.util.List;

/** The outcomes of one file's records, in file order, and how long the file took. */
record FileResult(String name, List<Outcome> outcomes, long millis) {

    long count(Outcome.Status status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }

    List<Outcome> failures() {
        return outcomes.stream().filter(o -> o.status() == Outcome.Status.FAIL).toList();
    }
}

package docusign

import "selo/backend/clock"

// Clock is the client's time source (backend/clock, shared with the other
// e-signature client). Tests inject a fake one.
type Clock = clock.Clock

// realClock is the wall clock.
type realClock = clock.Wall

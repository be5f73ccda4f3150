// Laurel's own scripts. Loaded from our static files; the Content-Security-Policy forbids inline script.
"use strict";

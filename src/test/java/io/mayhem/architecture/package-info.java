/** Architecture rules (ArchUnit) over the application's compiled classes, run with the unit tests (Surefire). */
package io.mayhem.architecture;

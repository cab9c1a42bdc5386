/**
 * Container tests: the built WAR on Payara Micro through Arquillian, for what only the container does.
 */
package io.mayhem.it;

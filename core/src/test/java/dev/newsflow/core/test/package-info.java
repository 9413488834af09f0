/**
 * Test helpers shared by every module's tests: fixtures, schemas, a local HTTP server, a broker.
 */
@NullMarked
package dev.newsflow.core.test;

import org.jspecify.annotations.NullMarked;

/**
 * The operator status page: what it shows ({@link StatusReport}), how it is collected and drawn.
 */
@NullMarked
package dev.newsflow.deploy.status;

import org.jspecify.annotations.NullMarked;

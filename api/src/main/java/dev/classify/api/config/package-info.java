/**
 * The training configuration as validated records: what a YAML configuration file says, with
 * defaults filled in. Each record checks its own values with {@code validate}, recording every
 * problem with its configuration path.
 */
package dev.classify.api.config;

/** placeholder */
package dev.backfire.stats;

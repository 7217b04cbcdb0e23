/** placeholder */
package dev.backfire.analysis;

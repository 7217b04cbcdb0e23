/** placeholder */
package dev.backfire.protocol;

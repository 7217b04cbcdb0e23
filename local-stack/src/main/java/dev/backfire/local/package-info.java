/** placeholder */
package dev.backfire.local;

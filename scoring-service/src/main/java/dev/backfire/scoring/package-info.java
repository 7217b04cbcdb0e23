/** placeholder */
package dev.backfire.scoring;

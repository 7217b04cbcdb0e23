/** placeholder */
package dev.backfire.agent;

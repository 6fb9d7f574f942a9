package io.onex.engine.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public type of an {@code internal} package: public only so that other classes of the same
 * module, in other packages, can use it. It carries no compatibility promise and is not for use
 * outside its module; an architecture test fails the build when another module uses it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE})
public @interface InternalApi {}
